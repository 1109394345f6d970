using System.Diagnostics;

namespace NangSuat.Trace.TestSupport;

/// <summary>
/// Real components the test script installs (PostgreSQL, Chromium, the Debian barcode decoders):
/// missing on a laptop they skip the test; missing under CI=true they fail it.
/// </summary>
public static class ExternalComponents
{
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static void Require(bool available, string what)
    {
        if (available)
        {
            return;
        }

        if (IsCi)
        {
            Assert.Fail($"{what} is required under CI=true but is not available.");
        }

        Assert.Skip($"{what} is not available here; run the README test command, which installs it.");
    }
}

/// <summary>Independent barcode decoders from Debian, reading our symbols as a scanner app would.</summary>
public static class Decoders
{
    /// <summary>zbarimg's decoded data alone, GS separators included.</summary>
    public static string ZbarRaw(byte[] png) => Run("zbarimg", ["--raw", "-q", "-Sbinary"], png).TrimEnd('\n');

    /// <summary>Every symbol zbarimg finds in the picture.</summary>
    public static List<string> ZbarAll(byte[] png) => [.. Run("zbarimg", ["--raw", "-q"], png).Split('\n', StringSplitOptions.RemoveEmptyEntries)];

    /// <summary>zbarimg's symbology name and data, e.g. ("EAN-13", "9506000134352").</summary>
    public static (string Symbology, string Data) Zbar(byte[] png)
    {
        var output = Run("zbarimg", ["-q"], png);
        var colon = output.IndexOf(':', StringComparison.Ordinal);
        return (output[..colon], output[(colon + 1)..].TrimEnd('\n'));
    }

    /// <summary>ZXingReader's format, AIM identifier and exact data (from its hex "Bytes" line, separators included).</summary>
    public static (string Format, string Identifier, string Data) Zxing(byte[] png)
    {
        var lines = Run("ZXingReader", [], png).Split('\n').Select(l => l.Trim()).ToList();
        string Field(string name) => lines.First(l => l.StartsWith(name + ":", StringComparison.Ordinal))[(name.Length + 1)..].Trim();
        var bytes = Field("Bytes").Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(h => (char)Convert.ToByte(h, 16));
        return (Field("Format"), Field("Identifier"), string.Concat(bytes));
    }

    /// <summary>dmtxread (dmtx-utils): the decoded data; it leaves out FNC1 separators.</summary>
    public static string Dmtx(byte[] png) => Run("dmtxread", [], png);

    private static string Run(string tool, string[] arguments, byte[] png)
    {
        ExternalComponents.Require(File.Exists($"/usr/bin/{tool}"), tool);
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
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"{tool} could not decode the symbol (exit {process.ExitCode}): {error.Result}");
            return output;
        }
        finally
        {
            File.Delete(file);
        }
    }
}
