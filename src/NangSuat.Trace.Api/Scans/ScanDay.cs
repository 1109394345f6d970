using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace NangSuat.Trace.Api.Scans;

/// <summary>How many times labels of one GTIN were scanned on one day (Vietnam's date): the producer's weekly chart and the programme's monthly one.</summary>
public sealed class ScanDay
{
    public required string Gtin { get; set; }
    public DateOnly Day { get; set; }
    public long Count { get; set; }
}

internal sealed class ScanDayConfiguration : IEntityTypeConfiguration<ScanDay>
{
    public void Configure(EntityTypeBuilder<ScanDay> entity)
    {
        entity.HasKey(s => new { s.Gtin, s.Day });
        entity.HasIndex(s => s.Day);
    }
}
