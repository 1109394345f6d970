using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace NangSuat.Trace.Api.Tests.Fuzzing;

public sealed record RawResponse(int Status, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body, TimeSpan Elapsed, string? TransportError)
{
    public string? Header(string name) => Headers.FirstOrDefault(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;

    public string BodyText => Encoding.UTF8.GetString(Body);
}

/// <summary>
/// HTTP/1.1 over a plain socket, so the fuzzer can send what HttpClient refuses to build (raw bytes
/// in the target, broken percent-encodings, bodies on any method) and Kestrel parses it for real.
/// </summary>
public sealed class RawHttp(IPEndPoint server) : IDisposable
{
    private const int MaxKeptBody = 512 * 1024;
    private Socket? _socket;
    private NetworkStream? _stream;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;

    public async Task<RawResponse> SendAsync(byte[] request, bool head, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        for (var attempt = 0; ; attempt++)
        {
            var fresh = _stream is null;
            using var cancel = new CancellationTokenSource(timeout);
            try
            {
                if (_stream is null)
                {
                    Connect();
                }

                await _stream!.WriteAsync(request, cancel.Token);
                var response = await ReadResponseAsync(head, clock, cancel.Token);
                if (response.Header("Connection") is { } connection && connection.Contains("close", StringComparison.OrdinalIgnoreCase))
                {
                    Close();
                }

                return response;
            }
            catch (Exception e) when (e is IOException or SocketException or EndOfStreamException or OperationCanceledException)
            {
                Close();
                // A kept-alive connection the server already closed is retried once on a new one.
                if (!fresh && attempt == 0 && e is not OperationCanceledException && clock.Elapsed < timeout)
                {
                    continue;
                }

                var what = e is OperationCanceledException ? $"no complete answer within {timeout.TotalSeconds:0} s" : $"connection broke: {e.GetType().Name}: {e.Message}";
                return new RawResponse(0, [], [], clock.Elapsed, what);
            }
        }
    }

    private void Connect()
    {
        _socket = new Socket(server.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        _socket.Connect(server);
        _stream = new NetworkStream(_socket, ownsSocket: true);
        _start = _end = 0;
    }

    private void Close()
    {
        _stream?.Dispose();
        _stream = null;
        _socket = null;
        _start = _end = 0;
    }

    public void Dispose() => Close();

    private async Task<RawResponse> ReadResponseAsync(bool head, Stopwatch clock, CancellationToken cancel)
    {
        while (true)
        {
            var statusLine = await ReadLineAsync(cancel);
            var parts = statusLine.Split(' ', 3);
            if (parts.Length < 2 || !parts[0].StartsWith("HTTP/", StringComparison.Ordinal) || !int.TryParse(parts[1], CultureInfo.InvariantCulture, out var status))
            {
                throw new IOException($"not a status line: {statusLine}");
            }

            var headers = new List<KeyValuePair<string, string>>();
            for (var line = await ReadLineAsync(cancel); line.Length > 0; line = await ReadLineAsync(cancel))
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                headers.Add(new(line[..Math.Max(colon, 0)].Trim(), colon < 0 ? line : line[(colon + 1)..].Trim()));
            }

            if (status is >= 100 and < 200)
            {
                continue; // 100 Continue and friends precede the real answer
            }

            string? Get(string name) => headers.FirstOrDefault(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;
            byte[] body;
            if (head || status is 204 or 304)
            {
                body = [];
            }
            else if (Get("Transfer-Encoding")?.Contains("chunked", StringComparison.OrdinalIgnoreCase) == true)
            {
                body = await ReadChunkedAsync(cancel);
            }
            else if (Get("Content-Length") is { } length)
            {
                body = await ReadExactAsync(long.Parse(length, CultureInfo.InvariantCulture), cancel);
            }
            else
            {
                body = await ReadToCloseAsync(cancel);
                Close();
            }

            return new RawResponse(status, headers, body, clock.Elapsed, null);
        }
    }

    private async Task<bool> FillAsync(CancellationToken cancel)
    {
        if (_start > 0 && _start == _end)
        {
            _start = _end = 0;
        }

        if (_end == _buffer.Length)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            (_end, _start) = (_end - _start, 0);
        }

        var read = await _stream!.ReadAsync(_buffer.AsMemory(_end), cancel);
        _end += read;
        return read > 0;
    }

    private async Task<string> ReadLineAsync(CancellationToken cancel)
    {
        while (true)
        {
            var newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            if (newline >= 0)
            {
                var line = Encoding.Latin1.GetString(_buffer, _start, newline - _start).TrimEnd('\r');
                _start = newline + 1;
                return line;
            }

            if (_end - _start >= _buffer.Length / 2)
            {
                throw new IOException("header line too long");
            }

            if (!await FillAsync(cancel))
            {
                throw new EndOfStreamException("the server closed the connection");
            }
        }
    }

    private async Task<byte[]> ReadExactAsync(long count, CancellationToken cancel)
    {
        using var kept = new MemoryStream();
        while (count > 0)
        {
            if (_start == _end && !await FillAsync(cancel))
            {
                throw new EndOfStreamException("the server closed the connection in the middle of a body");
            }

            var take = (int)Math.Min(count, _end - _start);
            if (kept.Length < MaxKeptBody)
            {
                kept.Write(_buffer, _start, take);
            }

            _start += take;
            count -= take;
        }

        return kept.ToArray();
    }

    private async Task<byte[]> ReadChunkedAsync(CancellationToken cancel)
    {
        using var kept = new MemoryStream();
        while (true)
        {
            var sizeLine = await ReadLineAsync(cancel);
            var size = long.Parse(sizeLine.Split(';')[0].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (size == 0)
            {
                while ((await ReadLineAsync(cancel)).Length > 0)
                {
                    // trailers
                }

                return kept.ToArray();
            }

            var chunk = await ReadExactAsync(size, cancel);
            if (kept.Length < MaxKeptBody)
            {
                kept.Write(chunk);
            }

            await ReadLineAsync(cancel);
        }
    }

    private async Task<byte[]> ReadToCloseAsync(CancellationToken cancel)
    {
        using var kept = new MemoryStream();
        do
        {
            if (kept.Length < MaxKeptBody)
            {
                kept.Write(_buffer, _start, _end - _start);
            }

            _start = _end;
        }
        while (await FillAsync(cancel));
        return kept.ToArray();
    }
}
