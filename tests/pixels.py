import numpy as np
from PySide6.QtGui import QImage


def distinct_colours(img: QImage) -> int:
    rgb = img.convertToFormat(QImage.Format.Format_RGB32)  # keep it alive while reading its bits
    data = np.frombuffer(rgb.constBits(), np.uint8).copy().reshape(-1, 4)[:, :3]
    return len(np.unique(data, axis=0))


def rgb_array(img: QImage) -> np.ndarray:
    """An (h, w, 3) uint8 copy of a QImage."""
    rgb = img.convertToFormat(QImage.Format.Format_RGB32)  # keep it alive while reading
    data = np.frombuffer(rgb.constBits(), np.uint8).copy()
    return data.reshape(rgb.height(), rgb.bytesPerLine() // 4, 4)[:, : rgb.width(), 2::-1]


def difference(a: np.ndarray, b: np.ndarray) -> tuple[float, float]:
    """Mean absolute difference per pixel (0-255) and the share of pixels off by more than 64."""
    assert a.shape == b.shape, (a.shape, b.shape)
    d = np.abs(a.astype(int) - b.astype(int)).max(axis=-1)
    return float(d.mean()), float((d > 64).mean())
