using System.Buffers;
using System.Diagnostics;

namespace NangSuat.Trace.Labels;

/// <summary>
/// GS1 data to ECC 200 data codewords (ISO/IEC 16022 5.2): ASCII with digit pairs, C40 and Text,
/// switched within one message wherever that is shorter. The switches are a shortest path over
/// (position, encodation, values waiting in the current C40/Text triple) costed in thirds of a
/// codeword, so the result is the fewest codewords these encodations allow, where the annex P
/// look-ahead only estimates it.
/// </summary>
internal static class DataMatrixEncodation
{
    private const int Fnc1 = 232, LatchC40 = 230, LatchText = 239, Unlatch = 254, FirstPad = 129;
    private const int Unreachable = int.MaxValue / 2;
    private const char GroupSeparator = '\u001D';

    // Path states: ASCII, then C40 and Text with 0, 1 or 2 values of their current triple written.
    private const int Ascii = 0, C40 = 1, Text = 4, States = 7;

    // Above this many characters the tables move from the stack to the shared pool.
    private const int StackCharacters = 96;

    public readonly record struct Encoded(int[] Codewords, int SizeIndex, int Length, Ending Ending);

    /// <summary>
    /// How the data ends (16022 5.2.5.2). A Shift 1 completing a last triple of two values (5.2.5.2 b)
    /// is not among them: writing two more characters in ASCII elsewhere is never longer, and an
    /// exhaustive test shows a plan without it always fits the same symbol.
    /// </summary>
    public enum Ending : byte
    {
        Ascii,
        Unlatch, // C40/Text, then 254 back to ASCII for the pads
        Implied, // C40/Text to the symbol's end, or to one codeword before it: a lone codeword is read as ASCII, so it is a pad
        LastAscii, // C40/Text, then the last character(s) in that lone ASCII codeword, no unlatch
    }

    /// <summary>
    /// Encodes GS1 raw data (FNC1 first, GS as the separator) into the first capacity, in ascending
    /// <paramref name="capacities"/>, that holds it, pads included. When none does, the size index is
    /// -1 and the length the codewords the data needs.
    /// </summary>
    public static Encoded Encode(string raw, ReadOnlySpan<int> capacities)
    {
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] is not (GroupSeparator or (>= ' ' and <= '~')))
            {
                throw new ArgumentException($"Character U+{(int)raw[i]:X4} cannot be encoded in GS1 DataMatrix.", nameof(raw));
            }
        }

        if (raw.Length > 2 * capacities[^1])
        {
            // Two digits a codeword is the densest any encodation gets; no need to plan what cannot fit.
            return new Encoded([], -1, 1 + (raw.Length + 1) / 2, Ending.Ascii);
        }

        var n = raw.Length;
        var cells = (n + 1) * States;
        int[]? rentedCost = null, rentedPath = null;
        byte[]? rentedFrom = null;
        var cost = n <= StackCharacters ? stackalloc int[cells] : (rentedCost = ArrayPool<int>.Shared.Rent(cells)).AsSpan(0, cells);
        var from = n <= StackCharacters ? stackalloc byte[cells] : (rentedFrom = ArrayPool<byte>.Shared.Rent(cells)).AsSpan(0, cells);
        var path = n <= StackCharacters ? stackalloc int[n] : (rentedPath = ArrayPool<int>.Shared.Rent(n)).AsSpan(0, n);
        try
        {
            Plan(raw, cost, from);
            var (index, end) = Choose(raw, cost, capacities);
            if (index < 0)
            {
                return new Encoded([], -1, end.Codewords, Ending.Ascii);
            }

            var codewords = new int[capacities[index]];
            var length = Emit(raw, from, path, end, codewords);
            Pad(codewords, length);
            return new Encoded(codewords, index, length, end.Ending);
        }
        finally
        {
            if (rentedCost is not null) ArrayPool<int>.Shared.Return(rentedCost);
            if (rentedFrom is not null) ArrayPool<byte>.Shared.Return(rentedFrom);
            if (rentedPath is not null) ArrayPool<int>.Shared.Return(rentedPath);
        }
    }

    /// <summary>
    /// Cheapest cost, in thirds of a codeword, of every state after every character (FNC1 first not
    /// counted), and the state and step length each was reached from. An ASCII codeword costs 3, a
    /// C40/Text value 2; a triple's values only add up to whole codewords when it is complete, which
    /// is why C40/Text may only be left with no values waiting.
    /// </summary>
    private static void Plan(string raw, Span<int> cost, Span<byte> from)
    {
        cost.Fill(Unreachable);
        cost[Ascii] = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            var row = cost.Slice(i * States, States);
            var pair = i + 1 < raw.Length && char.IsAsciiDigit(raw[i]) && char.IsAsciiDigit(raw[i + 1]);
            var (c40Values, textValues) = (ValueCount(raw[i], text: false), ValueCount(raw[i], text: true));
            for (var state = 0; state < States; state++)
            {
                var here = row[state];
                if (here >= Unreachable)
                {
                    continue;
                }

                if (state is Ascii or C40 or Text)
                {
                    var toAscii = here + (state == Ascii ? 0 : 3);
                    Relax(cost, from, i + 1, Ascii, toAscii + 3, state, 1);
                    if (pair)
                    {
                        Relax(cost, from, i + 2, Ascii, toAscii + 3, state, 2);
                    }
                }

                if (raw[i] != GroupSeparator)
                {
                    // FNC1 could be Shift 2, 27 in C40/Text, but libdmtx (dmtxread, pylibdmtx) outside
                    // its GS1 mode outputs nothing for it and keeps the shift, garbling the character
                    // after it. In ASCII (232) every decoder reads it.
                    Continue(cost, from, i, state, here, C40, c40Values);
                    Continue(cost, from, i, state, here, Text, textValues);
                }
            }
        }
    }

    private static int ModeOf(int state) => state == Ascii ? Ascii : state < Text ? C40 : Text;

    /// <summary>Character i, of so many values, in C40 or Text (<paramref name="mode"/>), latching to it if needed.</summary>
    private static void Continue(Span<int> cost, Span<byte> from, int i, int state, int here, int mode, int values)
    {
        int waiting;
        if (ModeOf(state) == mode)
        {
            waiting = state - mode;
        }
        else if (state is Ascii or C40 or Text)
        {
            // From ASCII a latch; from the other of C40/Text an unlatch and a latch.
            here += state == Ascii ? 3 : 6;
            waiting = 0;
        }
        else
        {
            return;
        }

        Relax(cost, from, i + 1, mode + (waiting + values) % 3, here + 2 * values, state, 1);
    }

    private static void Relax(Span<int> cost, Span<byte> from, int at, int state, int value, int previous, int length)
    {
        var cell = at * States + state;
        if (value < cost[cell])
        {
            cost[cell] = value;
            from[cell] = (byte)(previous | (length - 1) << 4);
        }
    }

    private readonly record struct End(int Codewords, bool Exact, int At, int State, Ending Ending);

    /// <summary>
    /// The smallest capacity some ending fits. Ending in ASCII, or unlatching after the last triple,
    /// fits any capacity at least that long; leaving the unlatch out saves its codeword only where
    /// the symbol ends. Codewords here count the first FNC1.
    /// </summary>
    private static (int Index, End End) Choose(string raw, ReadOnlySpan<int> cost, ReadOnlySpan<int> capacities)
    {
        var n = raw.Length;
        var lastPair = n >= 2 && char.IsAsciiDigit(raw[n - 1]) && char.IsAsciiDigit(raw[n - 2]);
        Span<End> ends = stackalloc End[9];
        var count = 0;
        ends[count++] = new End(1 + cost[n * States] / 3, false, n, Ascii, Ending.Ascii);
        foreach (var mode in (ReadOnlySpan<int>)[C40, Text])
        {
            var atEnd = 1 + cost[n * States + mode] / 3;
            ends[count++] = new End(atEnd + 1, false, n, mode, Ending.Unlatch);
            ends[count++] = new End(atEnd, true, n, mode, Ending.Implied);
            ends[count++] = new End(n >= 1 ? 2 + cost[(n - 1) * States + mode] / 3 : Unreachable, true, n - 1, mode, Ending.LastAscii);
            ends[count++] = new End(lastPair ? 2 + cost[(n - 2) * States + mode] / 3 : Unreachable, true, n - 2, mode, Ending.LastAscii);
        }

        for (var index = 0; index < capacities.Length; index++)
        {
            var capacity = capacities[index];
            End? best = null;
            foreach (var end in ends)
            {
                if ((end.Exact ? end.Codewords == capacity : end.Codewords <= capacity) && end.Codewords < (best?.Codewords ?? int.MaxValue))
                {
                    best = end;
                }
            }

            if (best is { } chosen)
            {
                // An unlatch as the very last codeword would be read as an (invalid) ASCII codeword.
                var implied = chosen.Ending == Ending.Unlatch && chosen.Codewords == capacity;
                return (index, implied ? chosen with { Codewords = capacity - 1, Ending = Ending.Implied } : chosen);
            }
        }

        var needed = Unreachable;
        foreach (var end in ends)
        {
            needed = end.Exact ? needed : Math.Min(needed, end.Codewords);
        }

        return (-1, new End(needed, false, n, Ascii, Ending.Ascii));
    }

    /// <summary>Walks the plan back from its end, then writes its codewords forwards; returns how many.</summary>
    private static int Emit(string raw, ReadOnlySpan<byte> from, Span<int> path, End end, int[] output)
    {
        var steps = 0;
        for (var (at, state) = (end.At, end.State); at > 0;)
        {
            var back = from[at * States + state];
            var length = (back >> 4) + 1;
            path[steps++] = (at - length) << 5 | (length - 1) << 4 | state;
            (at, state) = (at - length, back & 15);
        }

        var written = 0;
        output[written++] = Fnc1;
        var mode = Ascii;
        Span<int> waiting = stackalloc int[4];
        var count = 0;
        for (var step = steps - 1; step >= 0; step--)
        {
            var (start, length, state) = (path[step] >> 5, ((path[step] >> 4) & 1) + 1, path[step] & 15);
            var stepMode = ModeOf(state);
            if (stepMode != mode)
            {
                Debug.Assert(count == 0, "C40/Text is only left on a triple boundary");
                if (mode != Ascii) output[written++] = Unlatch;
                if (stepMode != Ascii) output[written++] = stepMode == C40 ? LatchC40 : LatchText;
                mode = stepMode;
            }

            if (mode == Ascii)
            {
                output[written++] = AsciiCodeword(raw, start, length);
                continue;
            }

            count += Values(raw[start], mode == Text, waiting[count..]);
            if (count >= 3)
            {
                written = Triple(output, written, waiting);
                waiting[0] = waiting[3]; // a shifted character may straddle two triples
                count -= 3;
            }
        }

        Debug.Assert(count == 0, "plans end on a triple boundary");
        switch (end.Ending)
        {
            case Ending.Unlatch:
                output[written++] = Unlatch;
                break;
            case Ending.LastAscii:
                output[written++] = AsciiCodeword(raw, end.At, raw.Length - end.At);
                break;
            case Ending.Ascii or Ending.Implied:
                break;
        }

        return written;
    }

    private static int Triple(int[] output, int written, Span<int> values)
    {
        var packed = 1600 * values[0] + 40 * values[1] + values[2] + 1;
        output[written++] = packed >> 8;
        output[written++] = packed & 0xFF;
        return written;
    }

    private static int AsciiCodeword(string raw, int start, int length) => length == 2
        ? 130 + (raw[start] - '0') * 10 + (raw[start + 1] - '0')
        : raw[start] == GroupSeparator ? Fnc1 : raw[start] + 1;

    /// <summary>C40 or Text values of a character (16022 annex C): its basic-set value, or a shift and a value.</summary>
    private static int ValueCount(char c, bool text) =>
        c == ' ' || char.IsAsciiDigit(c) || (text ? char.IsAsciiLetterLower(c) : char.IsAsciiLetterUpper(c)) ? 1 : 2;

    private static int Values(char c, bool text, Span<int> into)
    {
        var (shift, value) = c switch
        {
            ' ' => (-1, 3),
            >= '0' and <= '9' => (-1, c - '0' + 4),
            >= 'A' and <= 'Z' => text ? (2, c - 'A' + 1) : (-1, c - 'A' + 14),
            >= 'a' and <= 'z' => text ? (-1, c - 'a' + 14) : (2, c - 'a' + 1),
            >= '!' and <= '/' => (1, c - '!'),
            >= ':' and <= '@' => (1, c - ':' + 15),
            >= '[' and <= '_' => (1, c - '[' + 22),
            '`' => (2, 0),
            _ => (2, c - '{' + 27), // { | } ~
        };

        if (shift < 0)
        {
            into[0] = value;
            return 1;
        }

        into[0] = shift;
        into[1] = value;
        return 2;
    }

    /// <summary>Fills the rest with 129 first, then pads randomised by position (16022 5.2.3, annex B.1).</summary>
    private static void Pad(int[] codewords, int length)
    {
        if (length < codewords.Length)
        {
            codewords[length++] = FirstPad;
        }

        for (; length < codewords.Length; length++)
        {
            var pad = FirstPad + (149 * (length + 1) % 253) + 1;
            codewords[length] = pad <= 254 ? pad : pad - 254;
        }
    }
}
