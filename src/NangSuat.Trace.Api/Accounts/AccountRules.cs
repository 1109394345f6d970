using System.Net.Mail;
using Microsoft.AspNetCore.Identity;
using NangSuat.Trace.Api.Infrastructure;

namespace NangSuat.Trace.Api.Accounts;

public sealed record NewAccountRequest(string? Email, string? Phone, string? Password, string? DisplayName, Guid? OrganizationId, string? Role, bool? IsOwner);

/// <summary>What an account must be, for the API, the invitation page and the password forms alike.</summary>
public static class AccountRules
{
    public const int MinimumPasswordLength = 10;
    public const int MaximumPasswordLength = 128;

    // The passwords tried first by anyone guessing, Vietnamese favourites among them; a long list
    // belongs to a breach corpus the portal cannot download here.
    private static readonly HashSet<string> Guessed = new(StringComparer.OrdinalIgnoreCase)
    {
        "1234567890", "0123456789", "12345678910", "1111111111", "0000000000", "123456789a", "a123456789", "1234567890a",
        "qwertyuiop", "password123", "password1234", "matkhau123", "matkhau1234", "abc1234567", "iloveyou123", "anhyeuem123",
        "admin12345", "administrator", "truyxuat123", "vietnam123", "123123123123",
    };

    /// <summary>The sign-in name as stored: an e-mail lower-cased and trimmed.</summary>
    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();

    /// <summary>A Vietnamese phone number in its national form (0912345678), or null when it is not one.</summary>
    public static string? NormalizePhone(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone))
        {
            return null;
        }

        var digits = new string([.. phone.Where(c => c is not (' ' or '.' or '-' or '(' or ')'))]);
        if (digits.StartsWith("+84", StringComparison.Ordinal))
        {
            digits = "0" + digits[3..];
        }
        else if (digits.StartsWith("84", StringComparison.Ordinal) && digits.Length == 11)
        {
            digits = "0" + digits[2..];
        }

        return digits.Length is 10 or 11 && digits[0] == '0' && digits.All(char.IsAsciiDigit) ? digits : null;
    }

    /// <summary>Checks a new account's fields; the organization's existence and uniqueness are the caller's to ask the database.</summary>
    public static Account? Create(NewAccountRequest request, IPasswordHasher<Account> hasher, DateTimeOffset now, FieldErrors errors)
    {
        var email = Email(errors, "email", request.Email);
        var phone = Phone(errors, "phone", request.Phone);
        var displayName = errors.Required("displayName", request.DisplayName, 100);
        var role = errors.OneOf<AccountRole>("role", request.Role);
        if (request.OrganizationId is null || request.OrganizationId == Guid.Empty)
        {
            errors.Add("organizationId", "bắt buộc phải có: tổ chức mà người này thuộc về", "is required: the organization this person belongs to");
        }

        if (request.IsOwner == true && role is not null and not AccountRole.Producer)
        {
            errors.Add("isOwner", "chỉ tài khoản nhà sản xuất mới là chủ tổ chức", "only a producer account can own its organization");
        }

        Password(errors, "password", request.Password, email, phone);
        if (errors.Any)
        {
            return null;
        }

        var account = new Account
        {
            Id = Guid.CreateVersion7(now), OrganizationId = request.OrganizationId!.Value, Email = email, Phone = phone, DisplayName = displayName,
            Role = role!.Value, IsOwner = request.IsOwner == true, PasswordHash = "", SecurityStamp = Guid.NewGuid(), CreatedAt = now,
        };
        account.PasswordHash = hasher.HashPassword(account, request.Password!);
        return account;
    }

    /// <summary>Checks a new password and, when it is good, sets it: every session signed in before ends.</summary>
    public static bool SetPassword(Account account, string? password, string? repeated, IPasswordHasher<Account> hasher, FieldErrors errors)
    {
        Password(errors, "password", password, account.Email, account.Phone);
        if (!errors.Has("password") && repeated is not null && !string.Equals(password, repeated, StringComparison.Ordinal))
        {
            errors.Add("passwordRepeated", "không khớp với mật khẩu vừa nhập", "does not match the password above");
        }

        if (errors.Any)
        {
            return false;
        }

        account.PasswordHash = hasher.HashPassword(account, password!);
        account.SecurityStamp = Guid.NewGuid();
        account.FailedSignIns = 0;
        account.LockedUntil = null;
        return true;
    }

    public static string Email(FieldErrors errors, string field, string? value)
    {
        var email = errors.Required(field, value, 200);
        if (email.Length > 0 && !errors.Has(field) && (!MailAddress.TryCreate(email, out var parsed) || parsed.Address != email || !email.Contains('.', StringComparison.Ordinal)))
        {
            errors.Add(field, $"'{FieldErrors.Shown(email)}' không phải địa chỉ email; ví dụ: ten@htx-moc-chau.vn",
                $"'{FieldErrors.Shown(email)}' is not an e-mail address; for example: name@htx-moc-chau.vn");
        }

        return NormalizeEmail(email);
    }

    public static string? Phone(FieldErrors errors, string field, string? value)
    {
        var phone = errors.Optional(field, value, 30);
        if (phone is null || errors.Has(field))
        {
            return null;
        }

        var normalized = NormalizePhone(phone);
        if (normalized is null)
        {
            errors.Add(field, $"'{FieldErrors.Shown(phone)}' không phải số điện thoại Việt Nam; ví dụ: 0912 345 678 hoặc +84 912 345 678",
                $"'{FieldErrors.Shown(phone)}' is not a Vietnamese phone number; for example: 0912 345 678 or +84 912 345 678");
        }

        return normalized;
    }

    private static void Password(FieldErrors errors, string field, string? password, string? email, string? phone)
    {
        if (string.IsNullOrEmpty(password))
        {
            errors.Add(field, $"bắt buộc phải có, ít nhất {MinimumPasswordLength} ký tự", $"is required, at least {MinimumPasswordLength} characters");
            return;
        }

        var length = password.EnumerateRunes().Count();
        if (length < MinimumPasswordLength)
        {
            errors.Add(field, $"cần ít nhất {MinimumPasswordLength} ký tự (hiện có {length}); một câu ngắn dễ nhớ là mật khẩu tốt",
                $"needs at least {MinimumPasswordLength} characters (has {length}); a short sentence you remember makes a good password");
        }
        else if (length > MaximumPasswordLength)
        {
            errors.Add(field, $"dài tối đa {MaximumPasswordLength} ký tự", $"must be at most {MaximumPasswordLength} characters");
        }
        else if (!FieldErrors.IsCleanText(password))
        {
            errors.Add(field, "chứa ký tự điều khiển hoặc mã Unicode hỏng", "contains a control character or broken Unicode");
        }
        else if (Guessed.Contains(password) || password.Distinct().Count() <= 2
            || (email is { Length: > 0 } && string.Equals(password, email, StringComparison.OrdinalIgnoreCase))
            || (email is { Length: > 0 } && string.Equals(password, email.Split('@')[0], StringComparison.OrdinalIgnoreCase))
            || (phone is not null && password.Contains(phone, StringComparison.Ordinal)))
        {
            errors.Add(field, "quá dễ đoán (mật khẩu phổ biến, lặp ký tự hoặc trùng email, số điện thoại); hãy chọn một câu ngắn chỉ bạn biết",
                "is too easy to guess (a common password, repeated characters, or your e-mail or phone); choose a short sentence only you know");
        }
    }
}
