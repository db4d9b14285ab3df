"""The operating system's local time zone as a :class:`~datetime.tzinfo`, so that the
edge of the program (the CLI) can read it once and pass it to the pure layers, which
never read the process's zone themselves.

:data:`LOCAL` converts exactly as ``datetime.astimezone()`` without an argument does
(the C library's ``localtime``, daylight-saving rules included, ``TZ`` honoured), at
every instant on its own: an event from before a daylight-saving change gets the
offset it had then, not today's. A fixed offset taken from the clock now would not.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, tzinfo

__all__ = ["LOCAL", "LocalZone"]


class LocalZone(tzinfo):
    """The process's local time zone (see the module docstring). Stateless: the
    zone is looked up at each conversion, so a ``time.tzset()`` after a change of
    ``TZ`` takes effect as it does for ``datetime.astimezone()``."""

    def fromutc(self, dt: datetime) -> datetime:
        """``dt`` (a UTC wall time carrying this zone, as ``astimezone`` passes it)
        as local wall time, with ``fold`` set in a repeated hour."""
        if dt.tzinfo is not self:
            raise ValueError("fromutc: dt.tzinfo is not self")
        local = dt.replace(tzinfo=UTC).astimezone()
        wall = local.replace(tzinfo=self)
        if self.utcoffset(wall) != local.utcoffset():  # the second of a repeated hour
            wall = wall.replace(fold=1)
        return wall

    def utcoffset(self, dt: datetime | None) -> timedelta:
        """The offset from UTC at local wall time ``dt`` (now when None)."""
        return self._fixed(dt).utcoffset(None) or timedelta(0)

    def tzname(self, dt: datetime | None) -> str | None:
        """The zone's abbreviation at local wall time ``dt`` (e.g. ``CET``)."""
        return self._fixed(dt).tzname(None)

    def dst(self, dt: datetime | None) -> timedelta | None:
        """Not known apart from the offset (None, as :class:`tzinfo` allows)."""
        return None

    @staticmethod
    def _fixed(dt: datetime | None) -> tzinfo:
        """The fixed-offset zone the C library gives local wall time ``dt``."""
        naive = datetime.now() if dt is None else dt.replace(tzinfo=None)
        zone = naive.astimezone().tzinfo
        assert zone is not None  # astimezone() always returns an aware datetime
        return zone

    def __repr__(self) -> str:
        return "LocalZone()"


LOCAL = LocalZone()
"""The process's local time zone."""
