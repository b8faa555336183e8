"""`onrecord train`: a short run on a few PolNeAR train articles gives a working ensemble (two
BiLSTMs and a transformer member), the same seed gives the same weights, and a run on every
article (nothing held out) takes the settings a held-out run picked."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest
from tests.conftest import ROOT, SHARED

from onrecord.extract.parse import SentenceParser
from onrecord.model.apply import AttributionModel
from onrecord.model.features import featurize
from onrecord.pipeline import load_nlp

POLNEAR_TRAIN = SHARED / "polnear" / "train"
TEXT = ("The harbour master, Ana Ruiz, said on Monday that the pier would reopen in May.\n\n"
        '"We are ahead of schedule," Ruiz told reporters.\n')


def _train(out, *options: str) -> AttributionModel:
    subprocess.run([sys.executable, "-m", "onrecord.cli", "train", "--polnear", str(POLNEAR_TRAIN),
                    "--out", str(out), "--limit", "12", "--epochs", "1", "--encoder-epochs", "1",
                    *(options or ("--members", "2", "--encoders", "1"))],
                   check=True, cwd=ROOT, capture_output=True)
    return AttributionModel.load(out)


@pytest.mark.skipif(not POLNEAR_TRAIN.is_dir(), reason="needs ../shared/polnear/train")
def test_short_training_run_is_reproducible_and_runs(tmp_path):
    pytest.importorskip("torch", reason="training needs the train extra (make test installs it)")
    first, second = _train(tmp_path / "a.npz"), _train(tmp_path / "b.npz")
    assert len(first.tagger.members) == 2 and first.meta["members"] == 2
    assert len(first.tagger.encoders) == 1 and first.meta["encoders"] == 1
    assert 0 < first.tagger.encoder_weight < 1
    assert first.meta["articles"] + first.meta["held_out"] == 12
    for a, b in zip([*first.tagger.members, *first.tagger.encoders],
                    [*second.tagger.members, *second.tagger.encoders], strict=True):
        assert a.vocab == b.vocab
        assert a.w.keys() == b.w.keys() and "crf.trans" in a.w
        for name in a.w:
            np.testing.assert_array_equal(a.w[name], b.w[name], err_msg=name)
    # the two seeds give two different members
    one, two = first.tagger.members
    assert not np.array_equal(one.w["out.weight"], two.w["out.weight"])
    tokens, _ = featurize(SentenceParser(load_nlp()).parse_body(TEXT), TEXT)
    assert len(first.tagger.tags(tokens)) == len(tokens)


@pytest.mark.skipif(not POLNEAR_TRAIN.is_dir(), reason="needs ../shared/polnear/train")
def test_training_reads_every_annotators_version():
    from onrecord.evaluate.brat import read_polnear
    from onrecord.training.corpus import every_version, examples

    stems = sorted(p.stem.rpartition("_")[0] for p in (POLNEAR_TRAIN / "attributions").glob("*"))
    doubled = next(s for s in stems if stems.count(s) > 1)
    first = {g.id: g for g in read_polnear(POLNEAR_TRAIN)}[doubled]
    every = {g.id: g for g in read_polnear(POLNEAR_TRAIN, every_annotator=True)}[doubled]
    assert not first.others and every.quotes == first.quotes and len(every.others) >= 1
    assert every.others[0] != every.quotes  # the second annotator marked it differently
    (ex,) = examples([every], load_nlp())
    versions = every_version([ex])
    assert len(versions) == 1 + len(every.others)
    assert all(v.tokens is ex.tokens and v.id == ex.id for v in versions)
    assert versions[1].tags != ex.tags and not versions[1].other_tags


@pytest.mark.skipif(not POLNEAR_TRAIN.is_dir(), reason="needs ../shared/polnear/train")
def test_training_on_every_article_takes_the_picked_settings(tmp_path):
    pytest.importorskip("torch", reason="training needs the train extra (make test installs it)")
    from onrecord.training.train import PICKED

    model = _train(tmp_path / "all.npz", "--val-share", "0", "--members", "1")
    assert model.meta["articles"] == 12 and model.meta["held_out"] == 0
    assert model.tagger.encoder_weight == PICKED["encoder_weight"]
    assert model.meta["merge"] == PICKED["merge"]
    assert model.linker.thresholds == {"content": PICKED["content"], "source": PICKED["source"]}
    tokens, _ = featurize(SentenceParser(load_nlp()).parse_body(TEXT), TEXT)
    assert len(model.tagger.tags(tokens)) == len(tokens)
