"""Find rule files (bundled, then the user's --rules-dir), validate them, and build a RuleSet."""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import ValidationError

from poscheck.errors import RuleError
from poscheck.paths import rules_dir
from poscheck.rules.model import Rule, RuleSet, RuleSpec, hash_files

LEXICON_DIR = "_lexicon"


def _lexicon(base: Path, name: str, source: Path) -> list[str]:
    path = base / LEXICON_DIR / f"{name}.txt"
    if not path.is_file():
        raise RuleError(f"phrase list @{name} not found (looked for {path})", source=str(source),
                        remedy=f"Create {path} with one phrase per line, or fix the name.")
    lines = path.read_text(encoding="utf-8").splitlines()
    return [ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith("#")]


# libyaml's safe loader when PyYAML was built with it (PyPI wheels are): about 10× faster to start a run.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_rule(path: Path, base: Path) -> Rule:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_SAFE_LOADER)
    except (OSError, yaml.YAMLError) as exc:
        raise RuleError(f"cannot read rule file: {exc}", source=str(path),
                        remedy="Fix the YAML syntax (indentation, quotes).") from exc
    if not isinstance(data, dict):
        raise RuleError("a rule file must be a YAML mapping", source=str(path))
    match = data.get("match")
    if isinstance(match, dict):
        phrases: list[str] = []
        for p in match.get("phrases") or []:
            phrases.extend(_lexicon(base, p[1:], path) if isinstance(p, str) and p.startswith("@") else [p])
        match["phrases"] = phrases
    try:
        spec = RuleSpec.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(x) for x in e['loc']) or '(rule)'}: {e['msg']}" for e in exc.errors()
        )
        raise RuleError(f"invalid rule: {problems}", source=str(path),
                        remedy="See HACKING.md (Rules) for the format; `poscheck rules test` checks a folder.") from exc
    if spec.id != path.stem:
        raise RuleError(f"rule id {spec.id!r} differs from the file name {path.stem!r}", source=str(path),
                        remedy="Rename the file or the id so that they are equal.")
    return Rule(spec=spec, path=path)


def rule_files(base: Path) -> list[Path]:
    return sorted(p for p in base.rglob("*.yaml") if not any(part.startswith("_") for part in p.parts[-2:]))


def load_rules(extra_dirs: list[Path] | None = None, *, include_draft: bool = False) -> RuleSet:
    """Bundled rules, then each extra dir on top (a rule with the same id replaces the bundled one)."""
    rules: dict[str, Rule] = {}
    files: list[Path] = []
    for base in [rules_dir(), *(extra_dirs or [])]:
        if not base.is_dir():
            raise RuleError("rules folder not found", source=str(base), remedy="Check the --rules-dir path.")
        seen: dict[str, Path] = {}
        for path in rule_files(base):
            rule = load_rule(path, base)
            if rule.id in seen:
                raise RuleError(f"duplicate rule id {rule.id!r} (also in {seen[rule.id]})", source=str(path),
                                remedy="Give every rule a unique id.")
            seen[rule.id] = path
            files.append(path)
            if rule.spec.status == "draft" and not include_draft:
                continue
            rules[rule.id] = rule
    return RuleSet(list(rules.values()), hash_files(files))
