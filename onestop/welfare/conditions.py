"""A small declarative condition language (a JSON-logic subset), checked before it is stored
and evaluated with three values: True, False, or None when a fact is unknown. Never eval-ed.

    {"var": "age"}                      a fact
    {">=": [{"var": "age"}, 60]}        comparisons: == != < <= > >=
    {"and": [...]}, {"or": [...]}, {"!": x}
    {"in": [{"var": "nationality"}, ["TH"]]}
    {"*": [a, b]}, {"+": [a, b]}         arithmetic for amounts
"""

from __future__ import annotations

import json
from typing import Any

COMPARE = {"==", "!=", "<", "<=", ">", ">="}
LOGIC = {"and", "or", "!"}
ARITH = {"+", "*"}
OPERATORS = COMPARE | LOGIC | ARITH | {"var", "in", "if"}


class ConditionError(ValueError):
    """Where the condition is wrong ("conditions[1].expr.and[0]: unknown operator 'foo'")."""


def parse(text: str, where: str = "condition") -> Any:
    """A condition typed as JSON text: the error says the line and column."""
    try:
        expr = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ConditionError(f"{where}: line {exc.lineno}, column {exc.colno}: {exc.msg}") from exc
    check(expr, where)
    return expr


def check(expr: Any, where: str = "condition", facts: set[str] | None = None) -> None:
    """Refuse anything the evaluator would not understand, naming the position."""
    if isinstance(expr, (bool, int, float, str)) or expr is None:
        return
    if isinstance(expr, list):
        for i, item in enumerate(expr):
            check(item, f"{where}[{i}]", facts)
        return
    if not isinstance(expr, dict) or len(expr) != 1:
        raise ConditionError(f"{where}: an operation is an object with one operator")
    ((op, args),) = expr.items()
    if op not in OPERATORS:
        raise ConditionError(f"{where}: unknown operator {op!r}")
    if op == "var":
        if not isinstance(args, str):
            raise ConditionError(f"{where}.var: a fact name is a string")
        if facts is not None and args not in facts:
            raise ConditionError(f"{where}.var: unknown fact {args!r}")
        return
    items = args if isinstance(args, list) else [args]
    if op in COMPARE and len(items) != 2:
        raise ConditionError(f"{where}.{op}: compares exactly two values")
    if op == "!" and len(items) != 1:
        raise ConditionError(f"{where}.!: takes one value")
    if op == "in" and (len(items) != 2 or not isinstance(items[1], list)):
        raise ConditionError(f"{where}.in: takes a value and a list")
    for i, item in enumerate(items):
        check(item, f"{where}.{op}[{i}]", facts)


def evaluate(expr: Any, facts: dict[str, Any]) -> Any:
    """The value of ``expr``; None wherever an unknown fact decides it (three-valued logic)."""
    if isinstance(expr, list):
        return [evaluate(x, facts) for x in expr]
    if not isinstance(expr, dict):
        return expr
    ((op, args),) = expr.items()
    if op == "var":
        return facts.get(args)
    items = args if isinstance(args, list) else [args]
    if op == "and":
        values = [evaluate(x, facts) for x in items]
        if any(v is False for v in values):
            return False
        return None if any(v is None for v in values) else True
    if op == "or":
        values = [evaluate(x, facts) for x in items]
        if any(v is True for v in values):
            return True
        return None if any(v is None for v in values) else False
    if op == "!":
        value = evaluate(items[0], facts)
        return None if value is None else not value
    if op == "if":
        test = evaluate(items[0], facts)
        if test is None:
            return None
        return evaluate(items[1] if test else items[2], facts)
    values = [evaluate(x, facts) for x in items]
    if any(v is None for v in values):
        return None
    a, b = values[0], values[1] if len(values) > 1 else None
    if op == "in":
        return a in (b or [])
    if op == "==":
        return a == b
    if op == "!=":
        return a != b
    if op == "<":
        return a < b
    if op == "<=":
        return a <= b
    if op == ">":
        return a > b
    if op == ">=":
        return a >= b
    if op == "+":
        return sum(values)
    if op == "*":
        out = 1
        for v in values:
            out *= v
        return out
    raise ConditionError(f"unknown operator {op!r}")
