"""The Natural Earth projection (Šavrič, Jenny, Patterson and Hurni, 2011), in map units.

The whole world is WIDTH units wide; x grows east, y grows south, as in SVG.
"""

import math

WIDTH = 1000.0
# The projection's extent for longitude ±180° and latitude ±90°, before scaling.
_X_MAX = math.pi * 0.8707
_Y_MAX = (math.pi / 2) * (
    1.007226
    + (math.pi / 2) ** 2
    * (
        0.015085
        + (math.pi / 2) ** 4
        * (-0.044475 + 0.028874 * (math.pi / 2) ** 2 - 0.005916 * (math.pi / 2) ** 4)
    )
)
SCALE = WIDTH / (2 * _X_MAX)
HEIGHT = 2 * _Y_MAX * SCALE


def project(longitude: float, latitude: float) -> tuple[float, float]:
    lam = math.radians(longitude)
    phi = math.radians(latitude)
    p2 = phi * phi
    p4 = p2 * p2
    x = lam * (0.8707 - 0.131979 * p2 + p4 * (-0.013791 + p4 * (0.003971 * p2 - 0.001529 * p4)))
    y = phi * (1.007226 + p2 * (0.015085 + p4 * (-0.044475 + 0.028874 * p2 - 0.005916 * p4)))
    return (WIDTH / 2 + x * SCALE, HEIGHT / 2 - y * SCALE)
