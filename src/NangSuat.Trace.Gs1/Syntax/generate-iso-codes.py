#!/usr/bin/env python3
"""Regenerates IsoCodes.g.cs from Debian's iso-codes package (apt-get install iso-codes)."""
import json

countries = json.load(open('/usr/share/iso-codes/json/iso_3166-1.json'))['3166-1']
currencies = json.load(open('/usr/share/iso-codes/json/iso_4217.json'))['4217']
sets = {
    'CountryNumeric': sorted({c['numeric'] for c in countries}),
    'CountryAlpha2': sorted({c['alpha_2'] for c in countries}),
    'CurrencyNumeric': sorted({c['numeric'] for c in currencies if 'numeric' in c}),
}


def chunk(items, n=20):
    return "\n".join("        " + ", ".join(f'"{x}"' for x in items[i:i + n]) + "," for i in range(0, len(items), n))


body = "\n\n".join(
    f"    public static readonly FrozenSet<string> {name} = new[]\n    {{\n{chunk(items)}\n    }}.ToFrozenSet(StringComparer.Ordinal);"
    for name, items in sets.items())
print(f"""// Generated from Debian's iso-codes (/usr/share/iso-codes/json, LGPL-2.1+ data):
// ISO 3166-1 numeric and alpha-2 country codes, ISO 4217 numeric currency codes. Regenerate with
// generate-iso-codes.py beside this file when the standards change.
using System.Collections.Frozen;

namespace NangSuat.Trace.Gs1.Syntax;

internal static class IsoCodes
{{
{body}
}}""")
