"""Helpers the tests share: the `r2p` command in-process, page-test sign-in, importer read-backs, fixtures."""
