"""What a video file says about itself: width, height, frame rate and playing time, read
from a WebM (Matroska) or MP4 header with the standard library only. BITV 2.0 asks for these
numbers (models/video.py); the editor need not type what the file tells.

A file that says nothing (or is damaged) gives an empty dict, never an error: the numbers are
then the editor's to enter.
"""

import struct
from decimal import ROUND_HALF_UP, Decimal

# Matroska element ids (EBML): the containers to descend into, and the values wanted.
_SEGMENT, _INFO, _TRACKS, _TRACK, _VIDEO, _CLUSTER = (
    0x18538067, 0x1549A966, 0x1654AE6B, 0xAE, 0xE0, 0x1F43B675,
)  # fmt: skip
_CONTAINERS = {_SEGMENT, _INFO, _TRACKS, _TRACK, _VIDEO}
_SCALE, _DURATION, _FRAME_NS, _TRACK_TYPE, _WIDTH, _HEIGHT = (
    0x2AD7B1, 0x4489, 0x23E383, 0x83, 0xB0, 0xBA,
)  # fmt: skip
_HEAD = 256 * 1024  # a WebM's header (info and tracks) comes before its first cluster


def _vint(data: bytes, at: int, keep_marker: bool):
    first = data[at]
    length = 1
    while length <= 8 and not first & (0x80 >> (length - 1)):
        length += 1
    if length > 8 or at + length > len(data):
        raise ValueError("bad EBML number")
    value = first if keep_marker else first & (0xFF >> length)
    for byte in data[at + 1 : at + length]:
        value = (value << 8) | byte
    unknown = not keep_marker and value == (1 << (7 * length)) - 1
    return value, length, unknown


def _uint(raw: bytes) -> int:
    return int.from_bytes(raw, "big")


def _webm(data: bytes) -> dict:
    found, tracks = {}, []
    track = None

    def walk(start, end):
        nonlocal track
        at = start
        while at < end:
            element, id_length, _ = _vint(data, at, keep_marker=True)
            size, size_length, unknown = _vint(data, at + id_length, keep_marker=False)
            body = at + id_length + size_length
            stop = end if unknown else min(body + size, end)
            if element == _CLUSTER:
                return
            if element in _CONTAINERS:
                if element == _TRACK:
                    track = {}
                    tracks.append(track)
                walk(body, stop)
            elif element == _SCALE:
                found["scale"] = _uint(data[body:stop])
            elif element == _DURATION and stop - body in (4, 8):
                found["duration"] = struct.unpack(
                    ">f" if stop - body == 4 else ">d", data[body:stop]
                )[0]
            elif track is not None and element in (_TRACK_TYPE, _FRAME_NS, _WIDTH, _HEIGHT):
                track[element] = _uint(data[body:stop])
            at = stop

    walk(0, len(data))
    facts = {}
    video = next((t for t in tracks if t.get(_TRACK_TYPE) == 1 or _WIDTH in t), None)
    if video:
        if video.get(_WIDTH) and video.get(_HEIGHT):
            facts["width"], facts["height"] = video[_WIDTH], video[_HEIGHT]
        if video.get(_FRAME_NS):
            facts["frame_rate"] = Decimal(1_000_000_000) / video[_FRAME_NS]
    if found.get("duration"):
        seconds = found["duration"] * found.get("scale", 1_000_000) / 1_000_000_000
        facts["duration"] = round(seconds)
    return facts


def _boxes(data: bytes, start: int = 0, end: int | None = None):
    """(type, body start, body end) of each MP4 box between start and end."""
    end = len(data) if end is None else end
    at = start
    while at + 8 <= end:
        size, kind = struct.unpack(">I4s", data[at : at + 8])
        header = 8
        if size == 1:
            size, header = struct.unpack(">Q", data[at + 8 : at + 16])[0], 16
        elif size == 0:
            size = end - at
        if size < header:
            return
        yield kind, at + header, min(at + size, end)
        at += size


def _child(data, start, end, kind):
    return next(((s, e) for k, s, e in _boxes(data, start, end) if k == kind), None)


def _mp4_moov(handle) -> bytes:
    """The moov box's body: read box by box, wherever in the file it sits."""
    handle.seek(0)
    while True:
        header = handle.read(8)
        if len(header) < 8:
            return b""
        size, kind = struct.unpack(">I4s", header)
        if size == 1:
            size = struct.unpack(">Q", handle.read(8))[0] - 8
        if kind == b"moov":
            return handle.read(size - 8)
        if size < 8:
            return b""
        handle.seek(size - 8, 1)


def _mp4(data: bytes) -> dict:
    facts = {}
    for kind, start, end in _boxes(data):
        if kind != b"trak":
            continue
        mdia = _child(data, start, end, b"mdia")
        hdlr = mdia and _child(data, *mdia, b"hdlr")
        if not hdlr or data[hdlr[0] + 8 : hdlr[0] + 12] != b"vide":
            continue
        tkhd = _child(data, start, end, b"tkhd")
        if tkhd:
            width, height = struct.unpack(">II", data[tkhd[1] - 8 : tkhd[1]])
            facts["width"], facts["height"] = width >> 16, height >> 16
        mdhd = _child(data, *mdia, b"mdhd")
        if mdhd:
            version = data[mdhd[0]]
            if version == 1:
                scale, duration = struct.unpack(">IQ", data[mdhd[0] + 20 : mdhd[0] + 32])
            else:
                scale, duration = struct.unpack(">II", data[mdhd[0] + 12 : mdhd[0] + 20])
            if scale:
                facts["duration"] = round(duration / scale)
            stbl = (minf := _child(data, *mdia, b"minf")) and _child(data, *minf, b"stbl")
            stts = stbl and _child(data, *stbl, b"stts")
            if stts and scale:
                entries = struct.unpack(">I", data[stts[0] + 4 : stts[0] + 8])[0]
                if entries:
                    _count, delta = struct.unpack(">II", data[stts[0] + 8 : stts[0] + 16])
                    if delta:
                        facts["frame_rate"] = Decimal(scale) / delta
        break
    return facts


def video_facts(document) -> dict:
    """width, height (pixels), frame_rate (Decimal, 2 places) and duration (whole seconds) of
    the document's video, as far as its file tells; {} for none."""
    extension = document.file_extension.lower()
    try:
        with document.file.open("rb") as handle:
            if extension == "webm":
                facts = _webm(handle.read(_HEAD))
            elif extension == "mp4":
                facts = _mp4(_mp4_moov(handle))
            else:
                return {}
    except (OSError, ValueError, IndexError, struct.error, RecursionError):
        return {}
    if "frame_rate" in facts:
        facts["frame_rate"] = facts["frame_rate"].quantize(Decimal("0.01"), ROUND_HALF_UP)
    return facts
