import numpy as np
from PySide6.QtGui import QImage


def distinct_colours(img: QImage) -> int:
    rgb = img.convertToFormat(QImage.Format.Format_RGB32)  # keep it alive while reading its bits
    data = np.frombuffer(rgb.constBits(), np.uint8).copy().reshape(-1, 4)[:, :3]
    return len(np.unique(data, axis=0))
