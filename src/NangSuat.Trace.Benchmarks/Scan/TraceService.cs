using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace NangSuat.Trace.Benchmarks.Scan;

/// <summary>
/// The built service, started as its own process the way a host starts it (Production, Kestrel on a
/// loopback port), so the load generator measures exactly what serves a scan and its CPU can be read
/// from /proc apart from the harness's own.
/// </summary>
public sealed class TraceService : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private TraceService(Process process, Uri baseUri)
    {
        _process = process;
        BaseUri = baseUri;
    }

    public Uri BaseUri { get; }

    public int ProcessId => _process.Id;

    public static async Task<TraceService> StartAsync(string apiDll, string provider, string connectionString, string webRoot)
    {
        var port = FreePort();
        var baseUrl = $"http://127.0.0.1:{port}";
        var start = new ProcessStartInfo("dotnet")
        {
            // appsettings.json is read from the content root, which is the working directory.
            WorkingDirectory = Path.GetDirectoryName(apiDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            apiDll, "--urls", baseUrl, $"--Database:Provider={provider}", $"--ConnectionStrings:Trace={connectionString}",
            "--Database:MigrateOnStart=false", "--Resolver:RequestsPerMinute=1000000", $"--Resolver:BaseUrl={baseUrl}", "--webroot", webRoot,
        })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var service = new TraceService(process, new Uri(baseUrl));
        process.OutputDataReceived += (_, e) => service.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => service.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The service exited with {process.ExitCode}:{Environment.NewLine}{service.LogTail()}");
            }

            try
            {
                // Any answer at all (the old build has no /static) means Kestrel and the app are up.
                using var response = await client.GetAsync(new Uri(service.BaseUri, "/static/ready"));
                return service;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                await Task.Delay(200);
            }
        }

        await service.DisposeAsync();
        throw new TimeoutException($"The service did not answer within 90 s:{Environment.NewLine}{service.LogTail()}");
    }

    /// <summary>User plus system CPU the service process has used so far, all its threads together.</summary>
    public TimeSpan Cpu() => ProcessCpu(_process.Id) ?? throw new InvalidOperationException($"The service exited:{Environment.NewLine}{LogTail()}");

    /// <summary>utime + stime from /proc/{pid}/stat, in clock ticks of 1/100 s (USER_HZ on Linux); null when the process is gone.</summary>
    public static TimeSpan? ProcessCpu(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null;
        }

        // The command name may hold spaces; the fields after it are counted from its closing parenthesis.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromMilliseconds(ticks * 10);
    }

    public string LogTail()
    {
        lock (_log)
        {
            var text = _log.ToString();
            return text.Length > 4000 ? text[^4000..] : text;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            lock (_log)
            {
                if (_log.Length > 64 * 1024)
                {
                    _log.Remove(0, 32 * 1024);
                }

                _log.AppendLine(line);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
