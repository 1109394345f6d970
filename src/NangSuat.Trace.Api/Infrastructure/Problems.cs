using Microsoft.AspNetCore.Http.HttpResults;

namespace NangSuat.Trace.Api.Infrastructure;

/// <summary>The <c>type</c> of each problem the portal answers: the section of the standard that defines its status.</summary>
public static class ProblemTypes
{
    public const string Validation = "https://tools.ietf.org/html/rfc9110#section-15.5.1";
    public const string Unauthorized = "https://tools.ietf.org/html/rfc9110#section-15.5.2";
    public const string Forbidden = "https://tools.ietf.org/html/rfc9110#section-15.5.4";
    public const string NotFound = "https://tools.ietf.org/html/rfc9110#section-15.5.5";
    public const string MethodNotAllowed = "https://tools.ietf.org/html/rfc9110#section-15.5.6";
    public const string Conflict = "https://tools.ietf.org/html/rfc9110#section-15.5.10";
    public const string ContentTooLarge = "https://tools.ietf.org/html/rfc9110#section-15.5.14";
    public const string UnsupportedMediaType = "https://tools.ietf.org/html/rfc9110#section-15.5.16";
    public const string TooManyRequests = "https://tools.ietf.org/html/rfc6585#section-4";
    public const string ServerError = "https://tools.ietf.org/html/rfc9110#section-15.6.1";

    public static string For(int status) => status switch
    {
        400 => Validation,
        401 => Unauthorized,
        403 => Forbidden,
        404 => NotFound,
        405 => MethodNotAllowed,
        409 => Conflict,
        413 => ContentTooLarge,
        415 => UnsupportedMediaType,
        429 => TooManyRequests,
        _ when status >= 500 => ServerError,
        _ => "about:blank",
    };

    /// <summary>The short title of a status in the request's language.</summary>
    public static string Title(int status) => status switch
    {
        400 => Language.Pick("Yêu cầu không hợp lệ.", "Bad request."),
        401 => Language.Pick("Cần đăng nhập.", "Authentication required."),
        403 => Language.Pick("Không có quyền.", "Forbidden."),
        404 => Language.Pick("Không tìm thấy.", "Not found."),
        405 => Language.Pick("Phương thức không được hỗ trợ.", "Method not allowed."),
        409 => Language.Pick("Xung đột với dữ liệu hiện có.", "Conflicts with existing data."),
        413 => Language.Pick("Dữ liệu gửi lên quá lớn.", "Content too large."),
        415 => Language.Pick("Định dạng không hỗ trợ.", "Unsupported media type."),
        429 => Language.Pick("Quá nhiều yêu cầu.", "Too many requests."),
        _ when status >= 500 => Language.Pick("Lỗi máy chủ.", "Server error."),
        _ => Language.Pick("Không thực hiện được yêu cầu.", "The request could not be completed."),
    };
}

/// <summary>The kinds of record a caller can ask for by id, named once in both languages.</summary>
public enum RecordKind
{
    Organization,
    Product,
    ProductionArea,
    Certificate,
    Lot,
    SerialBatch,
    ApiToken,
    Account,
}

/// <summary>ProblemDetails answers that are not field validation.</summary>
public static class Problems
{
    public static ProblemHttpResult Status(int status, string vietnamese, string english) =>
        TypedResults.Problem(Language.Pick(vietnamese, english), statusCode: status, title: ProblemTypes.Title(status), type: ProblemTypes.For(status));

    public static ProblemHttpResult NotFound(string vietnamese, string english) => Status(StatusCodes.Status404NotFound, vietnamese, english);

    /// <summary>404 for a record that does not exist or that the caller may not see: the two are not told apart.</summary>
    public static ProblemHttpResult NotFound(RecordKind kind, Guid id)
    {
        var (vietnamese, english) = Name(kind);
        return NotFound($"Không có {vietnamese} {id}.", $"There is no {english} {id}.");
    }

    public static ProblemHttpResult Conflict(string vietnamese, string english) => Status(StatusCodes.Status409Conflict, vietnamese, english);

    /// <summary>Two requests changed one record at once; this one lost and changed nothing.</summary>
    public static ProblemHttpResult ChangedMeanwhile(RecordKind kind)
    {
        var (vietnamese, english) = Name(kind);
        return Conflict($"{Capitalize(vietnamese)} vừa được thay đổi bởi một yêu cầu khác; yêu cầu này không thay đổi gì. Hãy tải lại và thử lại.",
            $"The {english} was changed by another request at the same moment; this request changed nothing. Reload it and try again.");
    }

    public static (string Vietnamese, string English) Name(RecordKind kind) => kind switch
    {
        RecordKind.Organization => ("tổ chức", "organization"),
        RecordKind.Product => ("sản phẩm", "product"),
        RecordKind.ProductionArea => ("vùng sản xuất", "production area"),
        RecordKind.Certificate => ("chứng nhận", "certificate"),
        RecordKind.Lot => ("lô", "lot"),
        RecordKind.SerialBatch => ("đợt cấp sê-ri", "serial batch"),
        RecordKind.Account => ("tài khoản", "account"),
        _ => ("mã truy cập", "access token"),
    };

    private static string Capitalize(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}
