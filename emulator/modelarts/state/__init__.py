"""Resource state: plain data plus lifecycle rules, with no HTTP in sight."""
