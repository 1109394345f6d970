using System.Text.Json;
using System.Text.RegularExpressions;
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
public sealed partial class BadRequestBodyHandler(IProblemDetailsService problemDetails) : IExceptionHandler
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
        var message = json is not null || parameter.Success
            ? Language.Pick("Giá trị không đúng kiểu hoặc JSON sai cú pháp.", "The value has the wrong type, or the JSON is malformed.")
            : Language.Pick("Không đọc được yêu cầu: thân yêu cầu phải là JSON.", "The request could not be read: the body must be JSON.");

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
