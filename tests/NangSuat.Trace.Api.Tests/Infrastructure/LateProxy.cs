using System.Net;
using System.Net.Sockets;

namespace NangSuat.Trace.Api.Tests.Infrastructure;

/// <summary>
/// A loopback TCP forwarder that starts listening only after a delay: a database server that is
/// still booting when the service starts.
/// </summary>
public sealed class LateProxy : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _run;

    public LateProxy(int targetPort, TimeSpan delay)
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        _run = RunAsync(targetPort, delay, _stop.Token);
    }

    public int Port { get; }

    private async Task RunAsync(int targetPort, TimeSpan delay, CancellationToken stop)
    {
        await Task.Delay(delay, stop);
        var listener = new TcpListener(IPAddress.Loopback, Port);
        listener.Start();
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var client = await listener.AcceptTcpClientAsync(stop);
                _ = PipeAsync(client, targetPort, stop);
            }
        }
        finally
        {
            listener.Stop();
        }
    }

    private static async Task PipeAsync(TcpClient client, int targetPort, CancellationToken stop)
    {
        using (client)
        using (var server = new TcpClient())
        {
            await server.ConnectAsync(IPAddress.Loopback, targetPort, stop);
            var up = client.GetStream().CopyToAsync(server.GetStream(), stop);
            var down = server.GetStream().CopyToAsync(client.GetStream(), stop);
            await Task.WhenAny(up, down);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _run;
        }
        catch (OperationCanceledException)
        {
            // stopping is the point
        }

        _stop.Dispose();
    }
}
