"""Pure Thai helpers with no models: national IDs, Buddhist Era dates, partial dates, phones.

Nothing here touches the database, so every function is unit-tested directly.
"""
