using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace NangSuat.Trace.Api.Infrastructure;

/// <summary>
/// How every error is answered, whatever the request's Accept header says: a readable page for a
/// browser outside the API, application/problem+json for everything else, in the request's language.
/// </summary>
public static class ErrorAnswers
{
    public static IServiceCollection AddErrorAnswers(this IServiceCollection services)
    {
        // Writers are asked in registration order: a browser's page (AddPages, called before this), the
        // framework's JSON writer, and last a JSON writer that takes any Accept: the framework's
        // refuses "Accept: text/html" or "image/png", and such an error became an empty 500.
        services.AddProblemDetails(options => options.CustomizeProblemDetails = Customize);
        services.AddSingleton<IProblemDetailsWriter, AnyAcceptProblemWriter>();
        services.AddExceptionHandler<BadRequestBodyHandler>();
        services.AddExceptionHandler<ChangedMeanwhileHandler>();
        // Unreadable bodies become exceptions so BadRequestBodyHandler can name the field.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return services;
    }

    public static bool IsApi(this HttpRequest request) => request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

    /// <summary>A person's browser asks for text/html by name; programs ask for JSON or anything.</summary>
    public static bool WantsHtml(this HttpRequest request) => request.Accepts("text/html");

    /// <summary>Whether the Accept header names the media type; read without parsing it into objects, as every scan asks.</summary>
    public static bool Accepts(this HttpRequest request, string mediaType)
    {
        foreach (var value in request.Headers.Accept)
        {
            foreach (var range in (value ?? "").AsSpan().Split(','))
            {
                var item = value.AsSpan(range);
                var semicolon = item.IndexOf(';');
                if ((semicolon < 0 ? item : item[..semicolon]).Trim().Equals(mediaType, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Every writer calls this, so each problem has its type, a title in the request's language, and the trace id.</summary>
    public static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        problem.Status = status;
        problem.Type ??= ProblemTypes.For(status);
        // The framework fills in English reason phrases; a Vietnamese request gets its own title.
        if (problem.Title is null || problem.Title == ReasonPhrase(status))
        {
            problem.Title = ProblemTypes.Title(status);
        }

        if (problem.Detail is null && status is StatusCodes.Status404NotFound && context.Exception is null)
        {
            problem.Detail = Language.Pick("Không có trang hay tài nguyên nào ở địa chỉ này.", "There is no page or resource at this address.");
        }

        if (problem.Detail is null && status is StatusCodes.Status405MethodNotAllowed)
        {
            problem.Detail = Language.Pick($"Địa chỉ này không nhận phương thức {context.HttpContext.Request.Method}.",
                $"This address does not accept {context.HttpContext.Request.Method}.");
        }

        problem.Extensions.TryAdd("traceId", context.HttpContext.TraceIdentifier);
    }

    private static string? ReasonPhrase(int status) => status switch
    {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        406 => "Not Acceptable",
        409 => "Conflict",
        412 => "Precondition Failed",
        415 => "Unsupported Media Type",
        422 => "Unprocessable Entity",
        500 => "An error occurred while processing your request.",
        _ => null,
    };
}

/// <summary>Writes the problem as application/problem+json whatever the request accepts; registered last, so it always can.</summary>
internal sealed class AnyAcceptProblemWriter(IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, IOptions<ProblemDetailsOptions> options) : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        options.Value.CustomizeProblemDetails?.Invoke(context);
        var response = context.HttpContext.Response;
        return new ValueTask(response.WriteAsJsonAsync<object>(context.ProblemDetails, json.Value.SerializerOptions, "application/problem+json", context.HttpContext.RequestAborted));
    }
}

/// <summary>
/// Turns a body the framework could not read (malformed JSON, a string where a number belongs)
/// into a 400 that names the field, instead of an empty 400 or a 500.
/// </summary>
internal sealed partial class BadRequestBodyHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    // The framework's wording for a query or route value of the wrong type: Failed to bind parameter "int? Page" from "abc".
    [GeneratedRegex("parameter \"(?:[^\"]* )?(?<name>\\w+)\" from")]
    private static partial Regex BindFailure();

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }

        var json = badRequest.InnerException as JsonException;
        var parameter = BindFailure().Match(badRequest.Message);
        var field = json?.Path is { Length: > 2 } path ? path.TrimStart('$', '.')
            : parameter.Success ? Json.CamelCase(parameter.Groups["name"].Value)
            : "body";
        var message = badRequest.StatusCode == StatusCodes.Status413PayloadTooLarge
            ? Language.Pick("Thân yêu cầu quá lớn.", "The request body is too large.")
            : json is not null || parameter.Success
            ? Language.Pick("Giá trị không đúng kiểu hoặc JSON sai cú pháp.", "The value has the wrong type, or the JSON is malformed.")
            : Language.Pick("Không đọc được yêu cầu: thân yêu cầu phải là JSON UTF-8.", "The request could not be read: the body must be UTF-8 JSON.");

        context.Response.StatusCode = badRequest.StatusCode;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
            {
                Status = badRequest.StatusCode,
                Type = ProblemTypes.For(badRequest.StatusCode),
                Title = Language.Pick("Dữ liệu gửi lên chưa hợp lệ.", "The request has invalid fields."),
            },
        });
    }
}

/// <summary>
/// A concurrency token refused a write: another request changed the record since this one read it.
/// The loser changed nothing and is told so with a 409, whichever endpoint it came through.
/// </summary>
internal sealed class ChangedMeanwhileHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not DbUpdateConcurrencyException)
        {
            return false;
        }

        context.Response.StatusCode = StatusCodes.Status409Conflict;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Type = ProblemTypes.Conflict,
                Title = ProblemTypes.Title(StatusCodes.Status409Conflict),
                Detail = Language.Pick("Bản ghi vừa được thay đổi bởi một yêu cầu khác; yêu cầu này không thay đổi gì. Hãy tải lại và thử lại.",
                    "The record was changed by another request at the same moment; this request changed nothing. Reload it and try again."),
            },
        });
    }
}
