using System.Globalization;
using System.Text;
using System.Text.Json;

namespace NangSuat.Trace.Log;

/// <summary>
/// The JSON Canonicalization Scheme (RFC 8785) for the JSON a log entry is made of: objects with their
/// members sorted by UTF-16 code units, no whitespace, strings with only the escapes JSON requires and
/// everything else as UTF-8, and integers of at most 2^53 (the only numbers an entry holds; a fraction
/// would need ECMAScript's number printing, so it is refused rather than written one of two ways).
/// Two parties that read the same entry write the same bytes, so they hash to the same leaf.
/// </summary>
public static class CanonicalJson
{
    private const long MaxSafeInteger = 9_007_199_254_740_991;

    public static byte[] Serialize(JsonElement value)
    {
        var text = new StringBuilder();
        try
        {
            Write(value, text);
        }
        catch (InvalidOperationException e)
        {
            // What System.Text.Json says of an escaped half surrogate pair, which has no UTF-8 form.
            throw new FormatException(e.Message, e);
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static void Write(JsonElement value, StringBuilder text)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                text.Append('{');
                var members = value.EnumerateObject().ToList();
                members.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
                for (var i = 0; i < members.Count; i++)
                {
                    if (i > 0 && members[i].Name == members[i - 1].Name)
                    {
                        throw new FormatException($"The member '{members[i].Name}' appears twice.");
                    }

                    text.Append(i > 0 ? "," : "");
                    WriteString(members[i].Name, text);
                    text.Append(':');
                    Write(members[i].Value, text);
                }

                text.Append('}');
                break;
            case JsonValueKind.Array:
                text.Append('[');
                var first = true;
                foreach (var item in value.EnumerateArray())
                {
                    text.Append(first ? "" : ",");
                    first = false;
                    Write(item, text);
                }

                text.Append(']');
                break;
            case JsonValueKind.String:
                WriteString(value.GetString()!, text);
                break;
            case JsonValueKind.Number:
                if (!value.TryGetInt64(out var number) || Math.Abs(number) > MaxSafeInteger)
                {
                    throw new FormatException($"The number {value.GetRawText()} is not an integer of at most 2^53.");
                }

                text.Append(number.ToString(CultureInfo.InvariantCulture));
                break;
            case JsonValueKind.True:
                text.Append("true");
                break;
            case JsonValueKind.False:
                text.Append("false");
                break;
            case JsonValueKind.Null:
                text.Append("null");
                break;
            default:
                throw new FormatException($"A {value.ValueKind} has no canonical form.");
        }
    }

    private static void WriteString(string value, StringBuilder text)
    {
        text.Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                text.Append(c).Append(value[++i]);
                continue;
            }

            if (char.IsSurrogate(c))
            {
                throw new FormatException("A string holds half of a UTF-16 surrogate pair, which UTF-8 cannot write.");
            }

            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\b': text.Append("\\b"); break;
                case '\f': text.Append("\\f"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                case < ' ': text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)); break;
                default: text.Append(c); break;
            }
        }

        text.Append('"');
    }
}
