//! What an inbound SMS reply means: yes, no, stop, or something for a person to read.
