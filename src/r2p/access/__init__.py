"""Who may do what: roles and the check every write makes, local accounts, single sign-on rules, throttling."""
