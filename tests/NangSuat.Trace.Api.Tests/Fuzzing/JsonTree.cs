using System.Text;
using System.Text.Json;

namespace NangSuat.Trace.Api.Tests.Fuzzing;

/// <summary>
/// A JSON tree that can hold what System.Text.Json will not write: duplicate keys, lone surrogates
/// (as \ud800 escapes), numbers beyond double, malformed tokens and raw invalid UTF-8 bytes.
/// </summary>
public abstract record J
{
    public byte[] ToBytes()
    {
        using var bytes = new MemoryStream();
        Write(bytes);
        return bytes.ToArray();
    }

    public abstract void Write(MemoryStream output);

    public static J From(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => new JObject([.. element.EnumerateObject().Select(p => new KeyValuePair<string, J>(p.Name, From(p.Value)))]),
        JsonValueKind.Array => new JArray([.. element.EnumerateArray().Select(From)]),
        JsonValueKind.String => new JString(element.GetString()!),
        _ => new JRaw(element.GetRawText()),
    };

    protected static void Text(MemoryStream output, string text) => output.Write(Encoding.UTF8.GetBytes(text));
}

public sealed record JObject(IReadOnlyList<KeyValuePair<string, J>> Properties) : J
{
    public override void Write(MemoryStream output)
    {
        output.WriteByte((byte)'{');
        for (var i = 0; i < Properties.Count; i++)
        {
            if (i > 0)
            {
                output.WriteByte((byte)',');
            }

            JString.WriteString(output, Properties[i].Key);
            output.WriteByte((byte)':');
            Properties[i].Value.Write(output);
        }

        output.WriteByte((byte)'}');
    }

    public J? this[string key] => Properties.FirstOrDefault(p => p.Key == key).Value;
}

public sealed record JArray(IReadOnlyList<J> Items) : J
{
    public override void Write(MemoryStream output)
    {
        output.WriteByte((byte)'[');
        for (var i = 0; i < Items.Count; i++)
        {
            if (i > 0)
            {
                output.WriteByte((byte)',');
            }

            Items[i].Write(output);
        }

        output.WriteByte((byte)']');
    }
}

public sealed record JString(string Value) : J
{
    public override void Write(MemoryStream output) => WriteString(output, Value);

    public static void WriteString(MemoryStream output, string value)
    {
        var text = new StringBuilder("\"");
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var paired = char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]);
            if (paired)
            {
                text.Append(c).Append(value[++i]);
            }
            else if (c is '"' or '\\')
            {
                text.Append('\\').Append(c);
            }
            else if (c < 0x20 || char.IsSurrogate(c))
            {
                text.Append($"\\u{(int)c:x4}");
            }
            else
            {
                text.Append(c);
            }
        }

        Text(output, text.Append('"').ToString());
    }
}

/// <summary>Written as is: numbers, literals, and tokens that are not JSON at all.</summary>
public sealed record JRaw(string Token) : J
{
    public override void Write(MemoryStream output) => Text(output, Token);
}

/// <summary>Raw bytes, for strings that are not UTF-8.</summary>
public sealed record JBytes(byte[] Raw) : J
{
    public override void Write(MemoryStream output) => output.Write(Raw);

    public bool Equals(JBytes? other) => other is not null && Raw.AsSpan().SequenceEqual(other.Raw);

    public override int GetHashCode() => Raw.Length;
}
