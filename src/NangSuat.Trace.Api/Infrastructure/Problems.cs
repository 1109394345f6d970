using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace NangSuat.Trace.Api.Infrastructure;

/// <summary>ProblemDetails answers that are not field validation.</summary>
public static class Problems
{
    public static ProblemHttpResult NotFound(string vietnamese, string english) =>
        TypedResults.Problem(Language.Pick(vietnamese, english), statusCode: StatusCodes.Status404NotFound,
            title: Language.Pick("Không tìm thấy.", "Not found."));

    public static ProblemHttpResult Conflict(string vietnamese, string english) =>
        TypedResults.Problem(Language.Pick(vietnamese, english), statusCode: StatusCodes.Status409Conflict,
            title: Language.Pick("Xung đột với dữ liệu hiện có.", "Conflicts with existing data."));
}

/// <summary>
/// Turns a body the framework could not read (malformed JSON, a string where a number belongs)
/// into a 400 that names the field, instead of an empty 400 or a 500.
/// </summary>
public sealed class BadRequestBodyHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }

        var json = badRequest.InnerException as JsonException;
        var field = json?.Path is { Length: > 2 } path ? path.TrimStart('$', '.') : "body";
        var message = json is null
            ? Language.Pick("Không đọc được yêu cầu: " + badRequest.Message, "The request could not be read: " + badRequest.Message)
            : Language.Pick("Giá trị không đúng kiểu hoặc JSON sai cú pháp.", "The value has the wrong type, or the JSON is malformed.");

        context.Response.StatusCode = badRequest.StatusCode;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = new ValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
            {
                Status = badRequest.StatusCode,
                Title = Language.Pick("Dữ liệu gửi lên chưa hợp lệ.", "The request has invalid fields."),
            },
        });
    }
}
