namespace NangSuat.Trace.Labels;

/// <summary>Reed-Solomon over GF(256) with the DataMatrix field polynomial x⁸+x⁵+x³+x²+1 (301).</summary>
internal static class ReedSolomon
{
    private static readonly int[] Exp = new int[512];
    private static readonly int[] Log = new int[256];

    static ReedSolomon()
    {
        var value = 1;
        for (var i = 0; i < 255; i++)
        {
            Exp[i] = Exp[i + 255] = value;
            Log[value] = i;
            value <<= 1;
            if (value >= 256)
            {
                value ^= 301;
            }
        }
    }

    private static int Multiply(int a, int b) => a == 0 || b == 0 ? 0 : Exp[Log[a] + Log[b]];

    public static int[] Encode(IReadOnlyList<int> data, int eccCount)
    {
        // Generator (x - α¹)(x - α²)…(x - αⁿ), coefficients from the highest power down.
        var generator = new int[] { 1 };
        for (var i = 1; i <= eccCount; i++)
        {
            var next = new int[generator.Length + 1];
            for (var j = 0; j < generator.Length; j++)
            {
                next[j] ^= generator[j];
                next[j + 1] ^= Multiply(generator[j], Exp[i]);
            }

            generator = next;
        }

        var ecc = new int[eccCount];
        foreach (var codeword in data)
        {
            var factor = codeword ^ ecc[0];
            Array.Copy(ecc, 1, ecc, 0, eccCount - 1);
            ecc[eccCount - 1] = 0;
            for (var i = 0; i < eccCount; i++)
            {
                ecc[i] ^= Multiply(generator[i + 1], factor);
            }
        }

        return ecc;
    }
}
