using System.Collections.Frozen;

namespace NangSuat.Trace.Gs1.Syntax;

/// <summary>
/// The Application Identifier table, read from GS1's syntax dictionary embedded in this assembly
/// (see Syntax/README.md), so that adding an AI is a matter of updating one data file.
/// </summary>
public static class AiTable
{
    private static readonly Lazy<FrozenDictionary<string, AiDefinition>> Table = new(Load);

    private static readonly int[] Offsets = [0, 0, 0, 100, 1100, 11100];

    // Every AI is 2 to 4 digits: indexed by length and number, a lookup on the scan path is a few array reads.
    private static readonly Lazy<AiDefinition?[]> ByNumber = new(() =>
    {
        var byNumber = new AiDefinition?[Offsets[^1]];
        foreach (var definition in Table.Value.Values)
        {
            byNumber[Index(definition.Code)] = definition;
        }

        return byNumber;
    });

    public static IReadOnlyCollection<AiDefinition> All => Table.Value.Values;

    public static AiDefinition? Find(string code) => Find(code.AsSpan());

    public static AiDefinition? Find(ReadOnlySpan<char> code) => Index(code) is >= 0 and var index ? ByNumber.Value[index] : null;

    private static int Index(ReadOnlySpan<char> code)
    {
        if (code.Length is < 2 or > 4)
        {
            return -1;
        }

        var number = 0;
        foreach (var c in code)
        {
            if (!char.IsAsciiDigit(c))
            {
                return -1;
            }

            number = number * 10 + c - '0';
        }

        return Offsets[code.Length] + number;
    }

    /// <summary>The AI at the start of unbracketed data: AIs are prefix-free, so at most one of 2, 3 or 4 digits fits.</summary>
    public static AiDefinition? FindPrefix(ReadOnlySpan<char> data)
    {
        for (var length = 2; length <= 4 && length <= data.Length; length++)
        {
            if (Find(data[..length]) is { } definition)
            {
                return definition;
            }
        }

        return null;
    }

    internal static IEnumerable<AiDefinition> Parse(TextReader reader)
    {
        while (reader.ReadLine() is { } line)
        {
            var hash = line.IndexOf('#', StringComparison.Ordinal);
            var title = hash < 0 ? "" : line[(hash + 1)..].Trim();
            var words = (hash < 0 ? line : line[..hash]).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0)
            {
                continue;
            }

            var index = 1;
            var flags = words[index].All(c => "*!?\"$%&'()+,-./:;<=>@[\\]^_`{|}~".Contains(c)) ? words[index++] : "";
            var components = new List<AiComponent>();
            while (index < words.Length && IsComponent(words[index]))
            {
                components.Add(Component(words[index++]));
            }

            var requires = new List<IReadOnlyList<string>>();
            var excludes = new List<string>();
            IReadOnlyList<IReadOnlyList<string>>? qualifiers = null;
            for (; index < words.Length; index++)
            {
                var (key, value) = words[index].IndexOf('=') is var eq and >= 0 ? (words[index][..eq], words[index][(eq + 1)..]) : (words[index], "");
                switch (key)
                {
                    case "req":
                        requires.Add(Interned(value.Split(',')));
                        break;
                    case "ex":
                        excludes.AddRange(Interned(value.Split(',')));
                        break;
                    case "dlpkey":
                        qualifiers = value.Length == 0 ? [[]] : value.Split('|').Select(v => (IReadOnlyList<string>)Interned(v.Split(','))).ToList();
                        break;
                }
            }

            foreach (var code in Codes(words[0]))
            {
                yield return new AiDefinition(string.Intern(code), title, flags.Contains('*'), flags.Contains('?'), components, requires, excludes, qualifiers);
            }
        }
    }

    // AI codes meet string literals ("01") and each other on every scan; interned, most comparisons stop at the reference.
    private static string[] Interned(string[] codes) => Array.ConvertAll(codes, string.Intern);

    private static FrozenDictionary<string, AiDefinition> Load()
    {
        using var stream = typeof(AiTable).Assembly.GetManifestResourceStream("gs1-syntax-dictionary.txt")
            ?? throw new InvalidOperationException("The GS1 syntax dictionary is not embedded in the assembly.");
        using var reader = new StreamReader(stream);
        return Parse(reader).ToFrozenDictionary(d => d.Code, StringComparer.Ordinal);
    }

    private static bool IsComponent(string word) => word.TrimStart('[').Length > 1 && word.TrimStart('[')[0] is 'N' or 'X' or 'Y' or 'Z' && char.IsAsciiDigit(word.TrimStart('[')[1]) | word.TrimStart('[')[1] == '.';

    /// <summary>"N6,yymmd0", "X..20", "[N3],iso3166": set, length and linters.</summary>
    private static AiComponent Component(string word)
    {
        var optional = word.StartsWith('[');
        var parts = word.Replace("[", "", StringComparison.Ordinal).Replace("]", "", StringComparison.Ordinal).Split(',');
        var spec = parts[0];
        var variable = spec.Contains("..", StringComparison.Ordinal);
        var length = int.Parse(spec[(variable ? 3 : 1)..], System.Globalization.CultureInfo.InvariantCulture);
        return new AiComponent(spec[0], variable ? 1 : length, length, optional, parts[1..]);
    }

    private static IEnumerable<string> Codes(string range)
    {
        var dash = range.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0)
        {
            yield return range;
            yield break;
        }

        var (first, last) = (int.Parse(range[..dash], System.Globalization.CultureInfo.InvariantCulture), int.Parse(range[(dash + 1)..], System.Globalization.CultureInfo.InvariantCulture));
        for (var code = first; code <= last; code++)
        {
            yield return code.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(range[..dash].Length, '0');
        }
    }
}
