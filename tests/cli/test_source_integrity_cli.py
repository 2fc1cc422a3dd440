"""`samsyn build` and `samsyn validate` refuse a strategy that describes what is not its own (a
framework concept, a vocabulary term, another organisation's entity): exit 2, a first line that
counts them, then one line each with file and line; a malformed language tag is one line in our
words, with file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from samsyn.graph.cli import main

EXEMPELBY = Path(__file__).parents[1] / "fixtures" / "exempelby.ttl"
YOUTH = "https://w3id.org/samsyn/id/eu2020/flagship/youth-on-the-move"


@pytest.fixture
def trespassing(tmp_path) -> tuple[Path, int]:
    text = EXEMPELBY.read_text(encoding="utf-8")
    first = text.count("\n") + 2
    path = tmp_path / "exempelby.ttl"
    path.write_text(text + "\n" + "\n".join([
        f'<{YOUTH}> rdfs:label "Youth on the run"@en .',
        'sam:Goal rdfs:label "Mål"@sv .',
        '<https://w3id.org/samsyn/id/ronneby/goal/invented> rdfs:label "Invented"@en .',
    ]) + "\n", encoding="utf-8")
    return path, first


@pytest.mark.parametrize("command", ["build", "validate"])
def test_every_trespass_is_one_line_with_its_file_and_line_and_exit_2(runner, trespassing, command):
    path, line = trespassing
    result = runner.invoke(main, [command, "--source", str(path)])
    assert result.exit_code == 2, result.output
    assert result.stdout == "" and "Traceback" not in result.output
    lines = result.stderr.splitlines()
    assert lines[0] == (f"samsyn: error: {path}: 3 subjects no strategy may describe (docs/data.md, "
                        "'What a strategy may state'); nothing was loaded")
    assert [entry.split(" is ")[0] for entry in lines[1:]] == [
        f"{path}:{line}: <{YOUTH}>",
        f"{path}:{line + 1}: <https://w3id.org/samsyn/ns#Goal>",
        f"{path}:{line + 2}: <https://w3id.org/samsyn/id/ronneby/goal/invented>"]
    assert "part of the framework eu2020" in lines[1] and "the vocabulary term sam:Goal" in lines[2]
    assert "id:ronneby's, and this source issues for id:exempelby" in lines[3]


@pytest.mark.parametrize("tag", ["en-_-x-", "en-", "123", "en_US", "sv-x-"])
@pytest.mark.parametrize("command", ["build", "validate"])
def test_a_malformed_language_tag_is_one_line_in_our_words(runner, tmp_path, command, tag):
    path = tmp_path / "tagged.ttl"
    path.write_text('@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n\n'
                    '<https://w3id.org/samsyn/id/tagged> rdfs:label "Taggad"@sv ,\n'
                    f'    "Tagged"@{tag} .\n', encoding="utf-8")
    result = runner.invoke(main, [command, "--source", str(path)])
    assert result.exit_code == 2, result.output
    [line] = result.stderr.splitlines()
    assert line.startswith(f"samsyn: error: {path}:4: invalid language tag '@{tag}' at column ")
    assert line.endswith("use a BCP 47 tag such as @sv or @en (a language code of letters, then optional parts "
                         "after single hyphens: @sv-FI, @en-GB)")
    assert "integer" not in line
