using System.Diagnostics;

namespace NangSuat.Trace.Api.Tests.Infrastructure;

/// <summary>Independent barcode decoders from Debian, run as a scanner app would read our labels.</summary>
public static class Decoders
{
    /// <summary>zbarimg (zbar-tools): the decoded text of every symbol in the image.</summary>
    public static async Task<string> ZbarAsync(byte[] image)
    {
        var (exit, output, error) = await RunAsync("zbarimg", ["--raw", "-q", "-Sbinary"], image, "png");
        Assert.True(exit == 0, $"zbarimg found no symbol (exit {exit}): {error}");
        return output.TrimEnd('\n');
    }

    /// <summary>Every symbol zbarimg finds in the image, one decoded text each.</summary>
    public static async Task<List<string>> ZbarAllAsync(byte[] image)
    {
        var (exit, output, error) = await RunAsync("zbarimg", ["--raw", "-q"], image, "png");
        Assert.True(exit == 0, $"zbarimg found no symbol (exit {exit}): {error}");
        return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries)];
    }

    /// <summary>ZXingReader (zxing-cpp-tools): decoded text and the symbology it saw.</summary>
    public static async Task<(string Text, string Format)> ZxingAsync(byte[] image)
    {
        var (exit, output, error) = await RunAsync("ZXingReader", [], image, "png");
        Assert.True(exit == 0, $"ZXingReader failed (exit {exit}): {error}");
        string Field(string name) => output.Split('\n').Select(l => l.Trim()).First(l => l.StartsWith(name + ":", StringComparison.Ordinal))[(name.Length + 1)..].Trim();
        return (Field("Text").Trim('"'), Field("Format"));
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(string tool, string[] arguments, byte[] image, string extension)
    {
        Environment.Require(File.Exists($"/usr/bin/{tool}"), tool);
        var file = Path.Combine(Path.GetTempPath(), $"label-{Guid.NewGuid():N}.{extension}");
        await File.WriteAllBytesAsync(file, image);
        try
        {
            var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in arguments.Append(file))
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return (process.ExitCode, await output, await error);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
