"""Who is signed in: role rules for single sign-on (OIDC) and local accounts with hashed passwords."""
