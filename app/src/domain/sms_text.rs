//! SMS encoding and segment counting: GSM-7 (with its extension table) or UCS-2.
