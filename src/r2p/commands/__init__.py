"""Groups of `r2p` commands, each registered onto the main typer app."""
