"""The base of every model: plain dataclasses, checked by pydantic only when data comes in.

Every command reads a catalogue and an assessment. Declaring pydantic models costs most of a
command's start-up (importing pydantic's model machinery and building each class), even
when the data was validated before and comes from the parse cache (issue 24). So the models
are standard :mod:`dataclasses` deriving from :class:`Data`: reading, scoring, exporting and
saving use them as plain objects, and pydantic (its support for standard dataclasses) is
imported only to *validate*: a file not in the cache, a value a person typed.

The rules of the file format live on the classes, in one place, and are applied by pydantic:

* field types (``Literal``, dates, nested models) are pydantic's own checks;
* ``__aliases__``: a field's key in the file when it differs (``schema``, ``from``, ``to``);
* ``__checks__``: per field, constraints (``pattern``, ``min_length``, ``ge``, ``le``) and an
  ``after`` function (value -> value, raising ValueError);
* ``__post_init__``: rules across fields (raise ValueError);
* ``_before`` (a classmethod): rewrite the raw input before anything else;
* :class:`FileData` (assessment files) also keeps text with ``\\n`` line ends only and refuses
  a time that cannot be expressed in UTC, on validation and on assignment.

The pydantic ``BaseModel`` methods the code uses are offered with the same meaning:
``model_validate``, ``model_construct``, ``model_copy``, ``model_dump`` (python and json
modes, ``by_alias``, ``exclude`` as a set or nested dict, ``exclude_defaults``),
``model_dump_json`` and ``model_fields``. Constructing a model (``Record(status="met")``)
validates, and raises pydantic's ``ValidationError`` (a ValueError) as a model did.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import functools
import json
import re
from collections.abc import Callable, Mapping
from typing import Any, ClassVar, Self

__all__ = ["Check", "Data", "FieldInfo", "FileData"]


@dataclasses.dataclass(frozen=True)
class Check:
    """What pydantic checks on one field beyond its type: constraints of pydantic-core's
    schemas (``pattern`` for text; ``min_length`` for text, lists and tuples; ``ge``/``le``
    for numbers) and an ``after`` function run on the validated value."""

    pattern: str | None = None
    min_length: int | None = None
    ge: int | None = None
    le: int | None = None
    after: Callable[[Any], Any] | None = None

    def constraints(self) -> dict[str, Any]:
        return {k: v for k in ("pattern", "min_length", "ge", "le")
                if (v := getattr(self, k)) is not None}


@dataclasses.dataclass(frozen=True)
class FieldInfo:
    """A field as ``model_fields`` gives it: its name, default and default factory."""

    name: str
    default: Any
    default_factory: Callable[[], Any] | None
    owner: type

    @property
    def annotation(self) -> Any:
        """The field's type, resolved (the modules write annotations as text)."""
        return _hints(self.owner)[self.name]

    @property
    def required(self) -> bool:
        return self.default is dataclasses.MISSING and self.default_factory is None

    def get_default(self, *, call_default_factory: bool = True) -> Any:
        """The default value (a fresh one from the factory)."""
        if self.default_factory is not None:
            return self.default_factory() if call_default_factory else self.default_factory
        return self.default


class _ModelFields:
    """``Model.model_fields``: name -> :class:`FieldInfo`, in declaration order."""

    def __get__(self, obj: object, owner: type[Data]) -> dict[str, FieldInfo]:
        found = owner.__dict__.get("_fields_cache")
        if found is None:
            found = {f.name: FieldInfo(
                f.name, f.default,
                None if f.default_factory is dataclasses.MISSING else f.default_factory,
                owner) for f in dataclasses.fields(owner)}  # type: ignore[arg-type]
            type.__setattr__(owner, "_fields_cache", found)
        return found


class Data:
    """Base of every model: a standard dataclass (declare it ``@dataclass(init=False)``)."""

    __pydantic_config__: ClassVar[dict[str, Any]] = {"extra": "forbid"}
    __aliases__: ClassVar[dict[str, str]] = {}
    __checks__: ClassVar[dict[str, Check]] = {}
    _text_rules: ClassVar[bool] = False
    model_fields: ClassVar[dict[str, FieldInfo]] = _ModelFields()  # type: ignore[assignment]

    def __init__(self, **data: Any) -> None:
        """Validate `data` as this model (aliases or field names); ValidationError if bad."""
        self.__dict__.update(type(self).model_validate(data).__dict__)

    # --- pydantic, only when validating --------------------------------------------------
    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> Any:
        """pydantic's dataclass schema with this class's aliases, checks and text rules."""
        from pydantic_core import core_schema as cs

        schema = handler(source)
        inner = schema["schema"] if schema.get("type") == "definitions" else schema
        if inner.get("type") == "dataclass" and inner.get("cls") is source:
            for f in inner["schema"]["fields"]:
                _customise(cls, f, cs)
        before = cls.__dict__.get("_before")
        if before is not None:
            schema = cs.no_info_before_validator_function(before.__get__(None, cls), schema)
        return schema

    @classmethod
    def model_validate(cls, data: Any) -> Self:
        """Validate raw data (a dict as read from TOML) or return an instance as it is.
        Raises pydantic's ValidationError (a ValueError) with every problem's loc."""
        return _adapter(cls).validate_python(data)

    # --- plain ---------------------------------------------------------------------------
    @classmethod
    def checked(cls, **values: Any) -> Self:
        """An instance from values the code itself made, of the right types (an importer
        turning a page into records): the class's own rules run without pydantic
        (``_before``, ``__checks__``, the text rules, defaults, ``__post_init__``); the type
        checks pydantic adds are what such values need not. For anything a person or a file
        gave, call the class (``Record(...)``) or :meth:`model_validate`.

        Raises ValueError, naming the field, where the constructor would refuse the values.
        """
        before = cls.__dict__.get("_before")
        if before is not None:
            values = before.__get__(None, cls)(values)
        fields = cls.model_fields
        if unknown := sorted(set(values) - set(fields)):
            raise ValueError(f"{cls.__name__}: unknown field(s) {', '.join(unknown)}")
        if missing := [n for n, f in fields.items() if f.required and n not in values]:
            raise ValueError(f"{cls.__name__}: {', '.join(missing)}: Field required")
        for name, check in cls.__checks__.items():
            if name in values:
                values[name] = _apply(check, name, values[name])
        if cls._text_rules:
            values = {k: _time_in_range(_unix_newlines(v)) for k, v in values.items()}
        obj = cls.model_construct(**values)
        if hasattr(obj, "__post_init__"):
            obj.__post_init__()
        return obj

    @classmethod
    def model_construct(cls, **values: Any) -> Self:
        """An instance from trusted values (field names), no validation; missing fields take
        their defaults."""
        obj = cls.__new__(cls)
        for name, f in cls.model_fields.items():
            if name not in values:
                if f.required:
                    continue
                values[name] = f.get_default()
        obj.__dict__.update(values)
        return obj

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Self:
        """A copy (deep: nothing mutable shared; frozen models and scalars are), with
        `update` set without validation."""
        out = _clone(self) if deep else copy.copy(self)
        if update:
            out.__dict__.update(update)
        return out

    def model_dump(self, *, mode: str = "python", by_alias: bool = False,
                   exclude: Any = None, exclude_defaults: bool = False) -> dict[str, Any]:
        """The model as a dict of plain values, as pydantic dumps it. ``mode="json"``: dates
        and times as ISO 8601 text (UTC as ``Z``), tuples as lists. `exclude`: field names,
        or a nested dict (``{"review": {"gaps": {"__all__": {"note"}}}}``)."""
        return _dump(self, mode == "json", by_alias, exclude, exclude_defaults)

    def model_dump_json(self) -> str:
        """:meth:`model_dump` in JSON mode as compact JSON text."""
        return json.dumps(self.model_dump(mode="json"), ensure_ascii=False, separators=(",", ":"))


class FileData(Data):
    """A model stored in an assessment file: text keeps ``\\n`` line ends only (the same
    words give the same bytes) and a time must be expressible in UTC, when validated and
    when a field is assigned."""

    _text_rules: ClassVar[bool] = True

    def __setattr__(self, name: str, value: Any) -> None:
        """Assign as pydantic's ``validate_assignment`` did: a plain value of a field with no
        check is only normalised (no pydantic); anything else (raw dicts, checked fields) is
        validated and converted (``a.indicators = {"1.1": {"status": "met"}}``)."""
        if name in type(self).__checks__ or not _trusted(value):
            _adapter(type(self)).validator.validate_assignment(self, name, value)
        else:
            object.__setattr__(self, name, _time_in_range(_unix_newlines(value)))


def _apply(check: Check, name: str, value: Any) -> Any:
    """One field's :class:`Check` on a value, as pydantic-core applies it (ValueError)."""
    if value is None:
        return value
    if check.pattern is not None and not re.search(check.pattern, value):
        raise ValueError(f"{name}: String should match pattern '{check.pattern}'")
    if check.min_length is not None and len(value) < check.min_length:
        raise ValueError(f"{name}: should have at least {check.min_length} item(s) or "
                         "character(s)")
    if check.ge is not None and value < check.ge:
        raise ValueError(f"{name}: Input should be greater than or equal to {check.ge}")
    if check.le is not None and value > check.le:
        raise ValueError(f"{name}: Input should be less than or equal to {check.le}")
    return check.after(value) if check.after is not None else value


def _trusted(value: object) -> bool:
    """A value that needs no conversion: a scalar, a model, or a list or dict of them."""
    if isinstance(value, list | tuple):
        return all(isinstance(v, Data | str) for v in value)
    if isinstance(value, dict):
        return all(isinstance(v, Data) for v in value.values())
    return value is None or isinstance(value, Data | str | int | float | dt.date)


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    import typing

    return typing.get_type_hints(cls)


def _unix_newlines(v: object) -> object:
    """Text is stored with \\n only, so the same words give the same bytes."""
    if isinstance(v, str) and "\r" in v:
        return v.replace("\r\n", "\n").replace("\r", "\n")
    return v


def _time_in_range(v: object) -> object:
    """A time is stored in UTC: one that cannot be (year 1 with an offset) is refused."""
    if isinstance(v, dt.datetime):
        try:
            v.astimezone(dt.UTC)
        except (OverflowError, ValueError):
            raise ValueError(f"{v.isoformat()} is out of range (write a real time, in UTC)"
                             ) from None
    return v


def _customise(cls: type[Data], field: dict[str, Any], cs: Any) -> None:
    """Apply the class's alias, check and text rules to one dataclass field's schema."""
    name = field["name"]
    if alias := cls.__aliases__.get(name):
        field["validation_alias"] = [[alias], [name]]
        field["serialization_alias"] = alias
    holder = field
    while holder["schema"].get("type") == "default":  # a default is not validated
        holder = holder["schema"]
    schema = holder["schema"]
    check = cls.__checks__.get(name)
    if check is not None:
        target = schema
        while target.get("type") == "nullable":
            target = target["schema"]
        target.update(check.constraints())
        if check.after is not None:
            schema = cs.no_info_after_validator_function(check.after, schema)
    if cls._text_rules:
        schema = cs.no_info_before_validator_function(
            _unix_newlines, cs.no_info_after_validator_function(_time_in_range, schema))
    holder["schema"] = schema


def _clone(value: Any) -> Any:
    """A deep copy of a model tree, several times faster than :func:`copy.deepcopy`: text,
    numbers, dates and frozen models are immutable and shared."""
    if isinstance(value, Data):
        if value.__dataclass_params__.frozen:  # type: ignore[attr-defined]
            return value
        out = object.__new__(type(value))
        out.__dict__.update({k: _clone(v) for k, v in value.__dict__.items()})
        return out
    if isinstance(value, list):
        return [_clone(v) for v in value]
    if isinstance(value, dict):
        return {k: _clone(v) for k, v in value.items()}
    if isinstance(value, tuple):
        return tuple(_clone(v) for v in value)
    if value is None or isinstance(value, str | int | float | dt.date):
        return value
    return copy.deepcopy(value)


@functools.cache
def _adapter(cls: type) -> Any:
    from pydantic import TypeAdapter

    return TypeAdapter(cls)


def _excluded(spec: Any, key: object) -> tuple[bool, Any]:
    """(whether `key` is left out, the spec for its value) under a pydantic exclude spec."""
    if spec is None:
        return False, None
    if isinstance(spec, set | frozenset):
        return key in spec, None
    sub = spec.get(key, spec.get("__all__"))
    if sub is True:
        return True, None
    return False, sub


def _dump(value: Any, as_json: bool, by_alias: bool, exclude: Any, exclude_defaults: bool) -> Any:
    if isinstance(value, Data):
        out: dict[str, Any] = {}
        cls = type(value)
        for name, f in cls.model_fields.items():
            drop, sub = _excluded(exclude, name)
            if drop:
                continue
            v = value.__dict__[name]
            if exclude_defaults and not f.required and v == f.get_default():
                continue
            key = cls.__aliases__.get(name, name) if by_alias else name
            out[key] = _dump(v, as_json, by_alias, sub, exclude_defaults)
        return out
    if isinstance(value, list | tuple):
        items = []
        for i, v in enumerate(value):
            drop, sub = _excluded(exclude, i)
            if not drop:
                items.append(_dump(v, as_json, by_alias, sub, exclude_defaults))
        return items if as_json or isinstance(value, list) else tuple(items)
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            drop, sub = _excluded(exclude, k)
            if not drop:
                out[k] = _dump(v, as_json, by_alias, sub, exclude_defaults)
        return out
    if as_json and isinstance(value, dt.date):  # datetime too: pydantic writes UTC as Z
        text = value.isoformat()
        return text[:-6] + "Z" if text.endswith("+00:00") else text
    return value


def problems(exc: ValueError) -> list[dict[str, Any]]:
    """The error dicts (``loc``, ``msg``, ``type``) of pydantic's ValidationError, caught as
    the ValueError it is (so that catching it does not import pydantic); any other
    ValueError as one dict with its text."""
    errors = getattr(exc, "errors", None)
    if callable(errors):
        return list(errors())
    return [{"loc": (), "msg": str(exc), "type": "value_error"}]
