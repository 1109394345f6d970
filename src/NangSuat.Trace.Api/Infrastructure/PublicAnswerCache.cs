using System.Globalization;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Caching.Memory;

namespace NangSuat.Trace.Api.Infrastructure;

/// <summary>
/// The server's store of public answers (ASP.NET Core output caching), in memory and evicted by tag
/// the moment a change to what an answer shows is committed.
/// </summary>
/// <remarks>
/// A scan that read the database just before a change and stores its answer just after the
/// eviction would otherwise serve the old answer until it expires. Each request therefore carries
/// the eviction sequence number it started at (a <see cref="StartedTag"/> tag), and an answer is
/// not stored if any of its tags was evicted since; eviction and storage take one lock, so the two
/// cannot interleave.
/// </remarks>
public sealed class PublicAnswerCache : IOutputCacheStore, IDisposable
{
    public const long SizeLimitBytes = 64L * 1024 * 1024;
    private const string StartedPrefix = "started:";
    private const int MaxRemembered = 100_000;
    private const long RememberFor = 10 * 60 * 1000;

    private readonly MemoryCache _answers = new(new MemoryCacheOptions { SizeLimit = SizeLimitBytes });
    private readonly Dictionary<string, Dictionary<string, Answer>> _keysByTag = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (long Sequence, long Ticks)> _evictedAt = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private long _sequence;

    /// <summary>The tag a request adds when it starts, so its answer is not stored if what it read has changed since.</summary>
    public string StartedTag() => StartedPrefix + Interlocked.Read(ref _sequence).ToString(CultureInfo.InvariantCulture);

    public void Evict(IReadOnlyCollection<string> tags)
    {
        if (tags.Count == 0)
        {
            return;
        }

        lock (_lock)
        {
            var sequence = Interlocked.Increment(ref _sequence);
            var now = Environment.TickCount64;
            if (_evictedAt.Count > MaxRemembered)
            {
                // No request runs for minutes between reading the database and storing its answer.
                foreach (var old in _evictedAt.Where(e => now - e.Value.Ticks > RememberFor).Select(e => e.Key).ToList())
                {
                    _evictedAt.Remove(old);
                }
            }

            foreach (var tag in tags)
            {
                _evictedAt[tag] = (sequence, now);
                if (_keysByTag.Remove(tag, out var keys))
                {
                    foreach (var key in keys.Keys)
                    {
                        _answers.Remove(key);
                    }
                }
            }
        }
    }

    public ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken)
    {
        Evict([tag]);
        return ValueTask.CompletedTask;
    }

    public ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_answers.TryGetValue(key, out Answer? answer) ? answer!.Bytes : null);

    public ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken)
    {
        var started = tags?.FirstOrDefault(t => t.StartsWith(StartedPrefix, StringComparison.Ordinal)) is { } tag
            ? long.Parse(tag.AsSpan(StartedPrefix.Length), CultureInfo.InvariantCulture)
            : -1;
        var contentTags = tags?.Where(t => !t.StartsWith(StartedPrefix, StringComparison.Ordinal)).ToArray() ?? [];
        var answer = new Answer(value, contentTags);
        lock (_lock)
        {
            if (started < 0 || contentTags.Any(t => _evictedAt.TryGetValue(t, out var evicted) && evicted.Sequence > started))
            {
                return ValueTask.CompletedTask;
            }

            var options = new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = validFor, Size = value.Length + key.Length * 2L };
            options.RegisterPostEvictionCallback(static (key, value, _, state) => ((PublicAnswerCache)state!).Forget((string)key, (Answer)value!), this);
            _answers.Set(key, answer, options);
            foreach (var contentTag in contentTags)
            {
                if (!_keysByTag.TryGetValue(contentTag, out var keys))
                {
                    _keysByTag[contentTag] = keys = new(StringComparer.Ordinal);
                }

                keys[key] = answer;
            }
        }

        return ValueTask.CompletedTask;
    }

    public void Dispose() => _answers.Dispose();

    private void Forget(string key, Answer answer)
    {
        lock (_lock)
        {
            foreach (var tag in answer.Tags)
            {
                // Only this answer's index entry: the key may hold a newer answer by now.
                if (_keysByTag.TryGetValue(tag, out var keys) && keys.TryGetValue(key, out var indexed) && ReferenceEquals(indexed, answer))
                {
                    keys.Remove(key);
                    if (keys.Count == 0)
                    {
                        _keysByTag.Remove(tag);
                    }
                }
            }
        }
    }

    private sealed record Answer(byte[] Bytes, string[] Tags);
}
