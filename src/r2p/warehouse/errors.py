"""The one error type the warehouse layer raises for problems a user can act on."""


class WarehouseError(RuntimeError):
    """A warehouse problem the user can act on; the message says what to do."""
