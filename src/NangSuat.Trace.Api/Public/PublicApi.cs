using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using NangSuat.Trace.Api.Infrastructure;

namespace NangSuat.Trace.Api.Public;

/// <summary>
/// Everything a scanned label reaches, anonymous: the GS1 resolver, the consumer pages, the photos
/// and the look-up form. One route group sets the policy for all of it: no sign-in, a per-address
/// rate limit, and answers cached on the server until what they show changes.
/// </summary>
public static class PublicApi
{
    public const string RateLimit = "PublicRateLimit";
    public const string ResolverCors = "ResolverCors";

    public static IServiceCollection AddPublicAnswers(this IServiceCollection services)
    {
        services.AddSingleton<PublicAnswerCache>();
        services.AddSingleton<IOutputCacheStore>(provider => provider.GetRequiredService<PublicAnswerCache>());
        services.AddOutputCache(options =>
        {
            // A lot number is case-sensitive: MC2611A and mc2611a are two lots.
            options.UseCaseSensitivePaths = true;
            options.AddPolicy(PublicAnswerPolicy.Name, policy => policy.AddPolicy<PublicAnswerPolicy>(), excludeDefaultPolicy: true);
        });

        services.AddCors(options => options.AddPolicy(ResolverCors, policy =>
            policy.AllowAnyOrigin().WithMethods("GET", "HEAD", "OPTIONS").AllowAnyHeader().WithExposedHeaders("Link", "Location")));
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // A phone behind a carrier NAT shares its address with many others, hence a generous window.
            options.AddPolicy(RateLimit, context => ClientRateLimits.PerMinute(context, context.RequestServices.GetRequiredService<IOptions<ResolverOptions>>().Value.RequestsPerMinute));
            // Every limit's rejection, this one's and the sign-ins', is answered here.
            options.OnRejected = async (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                await context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails = new ProblemDetails
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Type = ProblemTypes.TooManyRequests,
                        Title = ProblemTypes.Title(StatusCodes.Status429TooManyRequests),
                        Detail = Language.Pick("Vui lòng thử lại sau một phút.", "Please try again in a minute."),
                    },
                });
            };
        });
        return services;
    }

    /// <summary>
    /// Every OPTIONS request is answered by the endpoint it names, whatever its
    /// Access-Control-Request-Method says: GS1's resolver test suite sends "GET,HEAD,OPTIONS" as one
    /// value, which routing would take for an unknown method and answer 404. Runs before routing.
    /// </summary>
    public static IApplicationBuilder UseOptionsAsPlainRequests(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (HttpMethods.IsOptions(context.Request.Method))
        {
            context.Request.Headers.Remove(HeaderNames.AccessControlRequestMethod);
        }

        return next(context);
    });

    public static RouteGroupBuilder MapPublic(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("").AllowAnonymous().RequireRateLimiting(RateLimit).CacheOutput(PublicAnswerPolicy.Name)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .AddEndpointFilter(async (context, next) =>
            {
                // Language and Accept choose the answer; a browser's or a proxy's cache must keep them apart.
                context.HttpContext.Response.Headers.Vary = "Accept, Accept-Language";
                return await next(context);
            });
        group.MapResolver();
        group.MapPublicPages();
        return group;
    }

    /// <summary>Names what a public answer shows, so that a change to any of it evicts the answer.</summary>
    public static void TagAnswer(this HttpContext context, params ReadOnlySpan<string> tags)
    {
        if (context.Features.Get<IOutputCacheFeature>()?.Context.Tags is { } answerTags)
        {
            foreach (var tag in tags)
            {
                answerTags.Add(tag);
            }
        }
    }

    /// <summary>
    /// The request target exactly as sent: route values leave %2F encoded but decode %25, so two
    /// different lots ("A/7" and "A%2F7") would otherwise look alike.
    /// </summary>
    public static string RawTarget(this HttpContext context)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        return string.IsNullOrEmpty(raw) ? context.Request.Path + context.Request.QueryString : raw;
    }
}

/// <summary>How public answers are cached on the server: keyed on the exact code, the language and what the client accepts.</summary>
internal sealed class PublicAnswerPolicy(PublicAnswerCache cache, IOptions<ResolverOptions> options) : IOutputCachePolicy
{
    public const string Name = "PublicAnswers";

    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var request = context.HttpContext.Request;
        var attempt = options.Value.CacheSeconds > 0
            && (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            && !request.Headers.ContainsKey(HeaderNames.Authorization);
        context.EnableOutputCaching = true;
        context.AllowCacheLookup = attempt;
        context.AllowCacheStorage = attempt;
        context.AllowLocking = true;
        context.ResponseExpirationTimeSpan = TimeSpan.FromSeconds(options.Value.CacheSeconds);
        context.CacheVaryByRules.VaryByHost = true;
        context.CacheVaryByRules.VaryByValues["target"] = context.HttpContext.RawTarget();
        context.CacheVaryByRules.VaryByValues["lang"] = Language.Current;
        context.CacheVaryByRules.VaryByValues["accept"] = AcceptClass(request);
        context.Tags.Add(cache.StartedTag());
        return ValueTask.CompletedTask;
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var response = context.HttpContext.Response;
        // Answers that say something about a code are kept; a 429 or a fault says something about this moment only.
        if (response.StatusCode is not (200 or 300 or 307 or 400 or 404) || response.Headers.ContainsKey(HeaderNames.SetCookie))
        {
            context.AllowCacheStorage = false;
        }

        return ValueTask.CompletedTask;
    }

    private static string AcceptClass(HttpRequest request)
    {
        return request.Accepts(Resolver.LinksetMediaType) ? "linkset"
            : request.WantsHtml() ? "html"
            : "any";
    }
}
