"""Sound effects synthesized with numpy at start: tokens, votes, events, the Epilogue.

No audio device (``mixer.init`` fails) means silence, never a crash. Sounds are short
enveloped tones and noise bursts, so there are no audio files to license.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pygame

RATE = 22050


def _env(n: int, attack: float = 0.005, decay: float = 8.0) -> npt.NDArray[np.float64]:
    t = np.arange(n) / RATE
    a = np.clip(t / max(attack, 1e-4), 0, 1)
    return a * np.exp(-decay * t)


def _tone(freqs: list[float], dur: float, decay: float = 6.0, harmonics: float = 0.3) -> npt.NDArray[np.float64]:
    n = int(RATE * dur)
    t = np.arange(n) / RATE
    out = np.zeros(n)
    for f in freqs:
        out += np.sin(2 * np.pi * f * t) + harmonics * np.sin(4 * np.pi * f * t)
    return out / max(1, len(freqs)) * _env(n, decay=decay)


def synth() -> dict[str, npt.NDArray[np.float64]]:
    """Every effect as a float waveform in -1..1 (pure: tested without an audio device)."""
    rng = np.random.default_rng(7)
    n = int(RATE * 0.09)
    click = rng.uniform(-1, 1, n) * _env(n, 0.001, 60) * 0.6 + _tone([1800], 0.09, 40) * 0.5
    gavel_n = int(RATE * 0.25)
    gavel = _tone([140, 210], 0.25, 18, 0.6) + rng.uniform(-1, 1, gavel_n) * _env(gavel_n, 0.001, 90) * 0.5
    chime = np.concatenate([_tone([660, 990], 0.22, 7), _tone([880, 1320], 0.5, 5)])
    t = np.arange(int(RATE * 1.6)) / RATE
    drum = np.sin(2 * np.pi * (60 + 30 * np.exp(-4 * t)) * t) * np.exp(-2.2 * t)
    epilogue = drum + 0.4 * _tone([220, 277, 330], 1.6, 1.5)
    ui = _tone([1200], 0.05, 50, 0.1) * 0.4
    bad = np.concatenate([_tone([330], 0.15, 10), _tone([247], 0.35, 6)])
    out = {"token": click, "vote": gavel, "event": chime, "epilogue": epilogue, "click": ui, "alarm": bad}
    return {k: np.clip(v / max(1e-6, float(np.max(np.abs(v)))) * 0.8, -1, 1) for k, v in out.items()}


class Sounds:
    """Plays named effects at the configured volume; silent when there is no mixer."""

    def __init__(self) -> None:
        self._sounds: dict[str, pygame.mixer.Sound] = {}
        self.volume = 0.64
        self.enabled = False
        try:
            if not pygame.mixer.get_init():
                pygame.mixer.init(frequency=RATE, size=-16, channels=2, buffer=512)
            init = pygame.mixer.get_init()
            if init is None:  # init() raises when it fails, so this is only a safety net
                raise pygame.error("mixer not initialised")
            freq, _size, channels = init
            for name, wave in synth().items():
                if freq != RATE:
                    idx = np.linspace(0, len(wave) - 1, int(len(wave) * freq / RATE))
                    wave = np.interp(idx, np.arange(len(wave)), wave)
                pcm = (wave * 32767).astype(np.int16)
                if channels > 1:
                    pcm = np.ascontiguousarray(np.repeat(pcm[:, None], channels, axis=1))
                self._sounds[name] = pygame.sndarray.make_sound(pcm)
            self.enabled = True
        except (pygame.error, ValueError, TypeError, OSError):
            self._sounds = {}
            self.enabled = False

    def set_volume(self, master: float, sfx: float) -> None:
        self.volume = max(0.0, min(1.0, master * sfx))

    def play(self, name: str) -> None:
        snd = self._sounds.get(name)
        if snd is None or self.volume <= 0:
            return
        try:
            snd.set_volume(self.volume)
            snd.play()
        except pygame.error:
            pass
