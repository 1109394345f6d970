using System.Diagnostics;

namespace NangSuat.Trace.Labels.Tests;

/// <summary>zbarimg and ZXingReader from Debian: independent decoders of what we print.</summary>
public static class Decoders
{
    public static (string Symbology, string Data) Zbar(byte[] png)
    {
        var output = Run("zbarimg", ["-q"], png);
        var colon = output.IndexOf(':', StringComparison.Ordinal);
        return (output[..colon], output[(colon + 1)..].TrimEnd('\n'));
    }

    public static (string Format, string Identifier, string Text) Zxing(byte[] png)
    {
        var lines = Run("ZXingReader", [], png).Split('\n').Select(l => l.Trim()).ToList();
        string Field(string name) => lines.First(l => l.StartsWith(name + ":", StringComparison.Ordinal))[(name.Length + 1)..].Trim();
        // "Bytes" is the exact data in hex, GS separators included; "Text" is only for display.
        var bytes = Field("Bytes").Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(h => (char)Convert.ToByte(h, 16));
        return (Field("Format"), Field("Identifier"), string.Concat(bytes));
    }

    /// <summary>dmtxread (dmtx-utils): the decoded data; it leaves out FNC1 separators.</summary>
    public static string Dmtx(byte[] png) => Run("dmtxread", [], png);

    private static string Run(string tool, string[] arguments, byte[] png)
    {
        if (!File.Exists($"/usr/bin/{tool}"))
        {
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail($"{tool} is required under CI=true");
            }

            Assert.Skip($"{tool} is not installed; bash tests/run.sh installs it");
        }

        var file = Path.Combine(Path.GetTempPath(), $"symbol-{Guid.NewGuid():N}.png");
        File.WriteAllBytes(file, png);
        try
        {
            var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in arguments.Append(file))
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"{tool} could not decode the symbol (exit {process.ExitCode})");
            return output;
        }
        finally
        {
            File.Delete(file);
        }
    }
}
