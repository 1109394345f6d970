using System.Buffers;
using NangSuat.Trace.Gs1.Syntax;

namespace NangSuat.Trace.Gs1;

/// <summary>
/// The one reader of GS1 Digital Link URIs (GS1 Digital Link URI Syntax, with the checks of GS1's
/// syntax engine): uncompressed, fully or partly compressed, any primary key of the dictionary.
/// </summary>
internal static partial class DigitalLinkParser
{
    // A resolver prefix plus every AI a link can carry fits many times over; the bound keeps a hostile path cheap.
    private const int MaxSegments = 256;

    // RFC 3986 unreserved and reserved characters and the '%' of an encoding; anything else must be percent-encoded.
    private static readonly SearchValues<char> UriCharacters =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&'()*+,;=%");

    // The same without what decoding changes: a value made only of these is taken as it is, in one scan.
    private static readonly SearchValues<char> PlainInPath =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&'()*+,;=");

    private static readonly SearchValues<char> PlainInQuery =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&'()*,;=");

    // URI characters that a host name may not hold (GS1 syntax engine).
    private static readonly SearchValues<char> BadHostCharacters = SearchValues.Create("_~?#@!$&'()*+,;=%");

    public static Gs1Result<DigitalLinkUri> Parse(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return Fail(Gs1Problem.Required("uri"));
        }

        var (begin, end) = (0, input.Length);
        while (char.IsWhiteSpace(input[begin]))
        {
            begin++;
        }

        while (char.IsWhiteSpace(input[end - 1]))
        {
            end--;
        }

        var fragment = input.IndexOf('#', begin, end - begin);
        end = fragment < 0 ? end : fragment;
        var question = input.IndexOf('?', begin, end - begin);
        var pathEnd = question < 0 ? end : question;
        var pathStart = begin;
        var scheme = input[begin] == '/' ? -1 : input.AsSpan(begin, pathEnd - begin).IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            if (Host(input, begin, scheme, pathEnd, out pathStart) is { } problem)
            {
                return Fail(problem);
            }
        }
        else if (input[begin] != '/')
        {
            return Fail(LinkProblems.NotAWebAddress);
        }

        if (pathEnd > pathStart && input[pathEnd - 1] == '/')
        {
            pathEnd--; // tolerate one trailing slash
        }

        var path = input.AsSpan(pathStart, pathEnd - pathStart);
        var count = path.Count('/');
        if (count > MaxSegments)
        {
            return Fail(LinkProblems.TooManySegments(count));
        }

        Span<Range> segments = count <= 16 ? stackalloc Range[16] : new Range[count];
        for (int at = 0, n = 0; at < path.Length; n++)
        {
            var next = path[(at + 1)..].IndexOf('/');
            var stop = next < 0 ? path.Length : at + 1 + next;
            segments[n] = new Range(pathStart + at + 1, pathStart + stop);
            at = stop;
        }

        segments = segments[..count];
        var link = new Link(input);
        return Read(ref link, segments, begin, question < 0 ? -1 : question + 1, end);
    }

    private static Gs1Result<DigitalLinkUri> Read(ref Link link, ReadOnlySpan<Range> segments, int begin, int query, int end)
    {
        var input = link.Input;
        var count = segments.Length;
        var key = KeyFromEnd(input, segments, count);
        if (key < 0 && count > 0 && CompressedDigitalLink.LooksCompressed(input.AsSpan()[segments[^1]]))
        {
            key = KeyFromEnd(input, segments, count - 1);
            link.Compression = key >= 0 ? DigitalLinkCompression.Partial
                : FirstKey(input, segments) < 0 ? DigitalLinkCompression.Full : DigitalLinkCompression.None;
        }

        if (key < 0 && link.Compression == DigitalLinkCompression.None)
        {
            // Not a well-formed link: read from the first primary key on, to say what is wrong after it.
            key = FirstKey(input, segments);
            if (key < 0)
            {
                return Fail(LinkProblems.NoPrimaryKey);
            }
        }

        var stemEnd = (link.Compression == DigitalLinkCompression.Full ? segments[^1] : segments[key]).Start.Value - 1;
        link.Stem = input[begin..stemEnd];
        if (link.Compression != DigitalLinkCompression.Full)
        {
            ReadPath(ref link, segments[key..(link.Compression == DigitalLinkCompression.None ? count : count - 1)]);
        }

        if (link.Compression != DigitalLinkCompression.None)
        {
            ReadCompressed(ref link, segments[^1]);
        }

        if (query >= 0 && link.KeyDefinition is not null)
        {
            link.ExpectAttributes(input.AsSpan(query, end - query).Count('&') + 1);
            ReadQuery(ref link, query, end);
        }

        return link.Finish();
    }

    private static Gs1Problem? Host(string input, int begin, int scheme, int pathEnd, out int pathStart)
    {
        var name = input.AsSpan(begin, scheme);
        var hostStart = begin + scheme + 3;
        var slash = input.IndexOf('/', hostStart, pathEnd - hostStart);
        pathStart = slash < 0 ? pathEnd : slash;
        if (!name.Equals("http", StringComparison.OrdinalIgnoreCase) && !name.Equals("https", StringComparison.OrdinalIgnoreCase))
        {
            return LinkProblems.Scheme(name);
        }

        var host = input.AsSpan(hostStart, pathStart - hostStart);
        if (host.IsEmpty)
        {
            return LinkProblems.NoHost(name);
        }

        var bad = host.IndexOfAny(BadHostCharacters);
        bad = bad >= 0 ? bad : host.IndexOfAnyExcept(UriCharacters);
        return bad < 0 ? null : LinkProblems.BadHost(host, host[bad]);
    }

    /// <summary>
    /// The primary key as GS1's engine finds it: pairs of AI and value read back from the end of the
    /// path, the first primary key met being the root; an unknown AI first means there is none.
    /// </summary>
    private static int KeyFromEnd(string input, ReadOnlySpan<Range> segments, int count)
    {
        for (var i = count - 2; i >= 0; i -= 2)
        {
            if (AiTable.Find(input.AsSpan()[segments[i]]) is not { } definition)
            {
                return -1;
            }

            if (definition.IsPrimaryKey)
            {
                return i;
            }
        }

        return -1;
    }

    private static int FirstKey(string input, ReadOnlySpan<Range> segments)
    {
        for (var i = 0; i < segments.Length; i++)
        {
            if (AiTable.Find(input.AsSpan()[segments[i]])?.IsPrimaryKey == true)
            {
                return i;
            }
        }

        return -1;
    }

    private static void ReadPath(ref Link link, ReadOnlySpan<Range> pairs)
    {
        var input = link.Input;
        link.KeyDefinition = AiTable.Find(input.AsSpan()[pairs[0]])!;
        link.ExpectQualifiers(Math.Min((pairs.Length - 1) / 2, Link.MaxElements));
        for (var i = 0; i < pairs.Length; i += 2)
        {
            var raw = input.AsSpan()[pairs[i]];
            var definition = AiTable.Find(raw);
            var ai = definition?.Code ?? raw.ToString();
            if (i + 1 >= pairs.Length || pairs[i + 1].Start.Equals(pairs[i + 1].End))
            {
                link.Add(LinkProblems.NoPathValue(ai));
                break;
            }

            var start = pairs[i + 1].Start.Value;
            if (link.Decode(ai, pairs[i + 1], query: false) is not { } value)
            {
                continue;
            }

            if (i == 0)
            {
                link.Key = new AiValue(ai, value, start + 1);
                continue;
            }

            if (definition is null || !IsQualifier(link.KeyDefinition, ai))
            {
                link.Add(LinkProblems.NotAQualifier(ai, link.KeyDefinition.Code, link.KeyDefinition.DigitalLinkQualifiers!));
                continue;
            }

            if (link.IndexOfQualifier(ai) >= 0)
            {
                link.Add(LinkProblems.RepeatedInPath(ai));
                continue;
            }

            link.AddQualifier(new AiValue(ai, value, start + 1));
        }

        CheckOrder(ref link);
    }

    private static void ReadCompressed(ref Link link, Range segment)
    {
        var decoded = new List<(string Ai, string Value)>();
        if (CompressedDigitalLink.Decode(link.Input.AsSpan()[segment], decoded, link.Parameters ??= []) is { } problem)
        {
            link.Add(problem);
            return;
        }

        // The compressed data says which AI is which only by the dictionary: arrange it as if written out.
        var position = segment.Start.Value + 1;
        var elements = new List<AiValue>(link.Qualifiers.Length + decoded.Count + 1);
        if (link.Key is { } key)
        {
            elements.Add(key);
            elements.AddRange(link.Qualifiers);
        }

        foreach (var (ai, value) in decoded)
        {
            if (elements.Exists(e => e.Ai == ai))
            {
                link.Add(LinkProblems.Repeated(ai));
                continue;
            }

            elements.Add(new AiValue(ai, value, position));
        }

        if (link.Compression == DigitalLinkCompression.Partial && link.Key is null)
        {
            return; // the path's own key was unreadable and has been reported
        }

        var arranged = DigitalLinkUri.FromElements(elements);
        if (!arranged.IsValid)
        {
            foreach (var arrangement in arranged.Problems)
            {
                link.Add(arrangement);
            }

            return;
        }

        link.Arrange(arranged.Value!);
    }

    private static void ReadQuery(ref Link link, int start, int end)
    {
        var input = link.Input;
        while (start < end)
        {
            var ampersand = input.IndexOf('&', start, end - start);
            var stop = ampersand < 0 ? end : ampersand;
            if (stop > start)
            {
                var equals = input.IndexOf('=', start, stop - start);
                var keyEnd = equals < 0 ? stop : equals;
                var valueStart = equals < 0 ? stop : equals + 1;
                Pair(ref link, new Range(start, keyEnd), new Range(valueStart, stop));
            }

            start = stop + 1;
        }
    }

    private static void Pair(ref Link link, Range rawKey, Range rawValue)
    {
        // An AI as written needs no decoding; anything else is decoded once to tell.
        var written = link.Input.AsSpan()[rawKey];
        var plain = !written.ContainsAny('%', '+');
        string? key = null;
        if (!plain && (key = link.Decode("query", rawKey, query: true, rawKey, lenient: true)) is null)
        {
            return;
        }

        var name = plain ? written : key.AsSpan();
        if (name.IsEmpty || name.ContainsAnyExceptInRange('0', '9'))
        {
            // Parameters that are not AIs are the resolver's to pass on as they came, so only their encoding is checked.
            if (link.Decode("query", rawValue, query: true, rawKey, lenient: true) is { } parameter)
            {
                (link.Parameters ??= []).Add(new(key ?? written.ToString(), parameter));
            }

            return;
        }

        if (AiTable.Find(name) is not { } definition)
        {
            link.Add(LinkProblems.UnknownQueryAi(name.ToString()));
            return;
        }

        var ai = definition.Code;
        if (link.Decode(ai, rawValue, query: true, rawKey) is not { } value)
        {
            return;
        }

        if (value.Length == 0)
        {
            link.Add(LinkProblems.NoQueryValue(ai));
        }
        else if (BelongsInPath(ref link, ai))
        {
            link.Add(LinkProblems.QualifierInQuery(ai, link.KeyDefinition!.Code));
        }
        else if (!definition.DigitalLinkAttribute)
        {
            link.Add(LinkProblems.NotAnAttribute(ai));
        }
        else if (link.Has(ai))
        {
            link.Add(LinkProblems.Repeated(ai));
        }
        else if (!link.AddAttribute(new AiValue(ai, ai == "01" ? Unsuppressed(value) : value, rawValue.Start.Value + 1)))
        {
            link.Add(LinkProblems.TooManyAis(ai, Link.MaxElements));
        }
    }

    /// <summary>Whether the AI could have gone in the path: GS1's engine tries it at every place among the key qualifiers.</summary>
    private static bool BelongsInPath(ref Link link, string ai)
    {
        if (link.KeyDefinition is not { } key || link.IndexOfQualifier(ai) >= 0)
        {
            return false;
        }

        foreach (var sequence in key.QualifierSequences)
        {
            if (IndexOfCode(sequence, ai) >= 0 && InOrder(sequence, link.Qualifiers))
            {
                return true;
            }
        }

        return false;
    }

    private static void CheckOrder(ref Link link)
    {
        var qualifiers = link.Qualifiers;
        if (qualifiers.Length < 2)
        {
            return; // one qualifier is in order, and it was checked to be one
        }

        foreach (var sequence in link.KeyDefinition!.QualifierSequences)
        {
            if (InOrder(sequence, qualifiers))
            {
                return;
            }
        }

        OutOfOrder(ref link, qualifiers.ToArray(), link.KeyDefinition.QualifierSequences);
    }

    /// <summary>Names the first qualifier out of place in the sequence that holds the most of them.</summary>
    private static void OutOfOrder(ref Link link, AiValue[] held, string[][] sequences)
    {
        var sequence = sequences.MaxBy(s => held.Count(q => s.Contains(q.Ai)))!;
        var last = -1;
        foreach (var qualifier in held)
        {
            var index = Array.IndexOf(sequence, qualifier.Ai);
            if (index < 0)
            {
                var other = held.First(q => sequence.Contains(q.Ai)).Ai;
                link.Add(LinkProblems.CannotCombine(qualifier.Ai, other, link.KeyDefinition!.Code, sequences));
                return;
            }

            if (index < last)
            {
                link.Add(LinkProblems.OutOfOrder(qualifier.Ai, sequence[last], sequence));
            }

            last = Math.Max(last, index);
        }
    }

    /// <summary>Whether the qualifiers follow the sequence, each at most once; none or one always does if in it.</summary>
    private static bool InOrder(string[] sequence, ReadOnlySpan<AiValue> qualifiers)
    {
        var last = -1;
        foreach (var qualifier in qualifiers)
        {
            var index = IndexOfCode(sequence, qualifier.Ai);
            if (index <= last)
            {
                return false;
            }

            last = index;
        }

        return true;
    }

    private static bool IsQualifier(AiDefinition key, string ai)
    {
        foreach (var sequence in key.QualifierSequences)
        {
            if (IndexOfCode(sequence, ai) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    // Every AI code here comes from the table or a literal, and the table interns its codes: the reference says it all.
    private static int IndexOfCode(string[] codes, string code)
    {
        for (var i = 0; i < codes.Length; i++)
        {
            if (ReferenceEquals(codes[i], code))
            {
                return i;
            }
        }

        return -1;
    }

    // Digital Link allows a GTIN-8, -12 or -13 without its leading zeros.
    private static string Unsuppressed(string gtin) =>
        gtin.Length is 8 or 12 or 13 && !gtin.AsSpan().ContainsAnyExceptInRange('0', '9') ? gtin.PadLeft(14, '0') : gtin;

    private static Gs1Result<DigitalLinkUri> Fail(Gs1Problem problem) => Gs1Result<DigitalLinkUri>.Fail(problem);
}
