"""Listening to an MP3 in a test: decoded with lame (the same Debian tool that made it), measured with numpy."""

import subprocess
import tempfile
import wave
from pathlib import Path

import numpy as np


def decoded(mp3: bytes) -> tuple[np.ndarray, int]:
    """The samples (16-bit mono as floats from -1 to 1) and the sample rate of an MP3."""
    with tempfile.TemporaryDirectory() as folder:
        source, target = Path(folder) / "in.mp3", Path(folder) / "out.wav"
        source.write_bytes(mp3)
        subprocess.run(["lame", "--quiet", "--decode", str(source), str(target)], check=True, timeout=60)
        with wave.open(str(target), "rb") as wav:
            frames = wav.readframes(wav.getnframes())
            rate, channels = wav.getframerate(), wav.getnchannels()
    samples = np.frombuffer(frames, dtype="<i2").astype(np.float64) / 32768
    return samples.reshape(-1, channels).mean(axis=1), rate


def rms(mp3: bytes) -> float:
    """The loudness of the whole file: 0 for silence, about 0.1 for speech at a normal level."""
    samples, _ = decoded(mp3)
    return float(np.sqrt(np.mean(samples**2))) if samples.size else 0.0


def seconds(mp3: bytes) -> float:
    samples, rate = decoded(mp3)
    return samples.size / rate
