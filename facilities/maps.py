"""The newsstands' schematic map: an SVG drawn on the server from their coordinates.

No tiles and no script: the page works offline and under the strict CSP. Longitude and
latitude are scaled into a square box with a margin (an equirectangular projection, which at
a district's size is as good as any), north up."""

from dataclasses import dataclass

SIZE = 400
MARGIN = 40


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    label: str
    title: str
    pk: int
    number: int

    @property
    def anchor(self) -> str:
        """A label near the left or right edge runs inwards, so that it stays inside the box."""
        if self.x < SIZE / 3:
            return "start"
        if self.x > SIZE * 2 / 3:
            return "end"
        return "middle"

    @property
    def label_dx(self) -> int:
        """Where the label starts (or ends) beside its marker: the marker's edge."""
        return {"start": -11, "end": 11}.get(self.anchor, 0)


def schematic(newsstands) -> list[Point]:
    stands = list(newsstands)
    if not stands:
        return []
    lons = [float(s.longitude) for s in stands]
    lats = [float(s.latitude) for s in stands]
    span = max(max(lons) - min(lons), max(lats) - min(lats)) or 1.0
    scale = (SIZE - 2 * MARGIN) / span
    # Centre the drawing in the box.
    x0 = (min(lons) + max(lons)) / 2
    y0 = (min(lats) + max(lats)) / 2
    return [
        Point(
            x=round(SIZE / 2 + (lon - x0) * scale, 1),
            y=round(SIZE / 2 - (lat - y0) * scale, 1),
            label=s.name,
            title=f"{s.name} · {s.address}",
            pk=s.pk,
            number=i + 1,
        )
        for i, (s, lon, lat) in enumerate(zip(stands, lons, lats, strict=True))
    ]
