namespace NangSuat.Trace.Api.Certificates;

/// <summary>How certificates are named to people: the scheme's own spelling and the standing in plain words.</summary>
public static class CertificateDisplay
{
    public static string Display(this CertificateType type) => type switch
    {
        CertificateType.VietGap => "VietGAP",
        CertificateType.GlobalGap => "GlobalG.A.P.",
        CertificateType.Organic => "Hữu cơ (Organic)",
        CertificateType.Ocop => "OCOP",
        CertificateType.Iso22000 => "ISO 22000",
        CertificateType.Haccp => "HACCP",
        _ => "Chứng nhận khác",
    };

    public static string Display(this CertificateStanding standing, string language) => (standing, language) switch
    {
        (CertificateStanding.Valid, "en") => "valid",
        (CertificateStanding.NotYetValid, "en") => "not yet valid",
        (CertificateStanding.Expired, "en") => "expired",
        (CertificateStanding.Suspended, "en") => "suspended",
        (CertificateStanding.Revoked, "en") => "revoked",
        (CertificateStanding.Valid, _) => "còn hiệu lực",
        (CertificateStanding.NotYetValid, _) => "chưa có hiệu lực",
        (CertificateStanding.Expired, _) => "hết hiệu lực",
        (CertificateStanding.Suspended, _) => "bị đình chỉ",
        _ => "bị thu hồi",
    };

    public static string Display(this CertificateStatus status, string language) => (status, language) switch
    {
        (CertificateStatus.Active, "en") => "active",
        (CertificateStatus.Suspended, "en") => "suspended",
        (CertificateStatus.Revoked, "en") => "revoked",
        (CertificateStatus.Active, _) => "còn hiệu lực",
        (CertificateStatus.Suspended, _) => "đình chỉ",
        _ => "thu hồi",
    };
}
