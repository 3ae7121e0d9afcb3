//! A local SMS gateway emulator speaking the Twilio, LINK Mobility and Sveve HTTP shapes.
