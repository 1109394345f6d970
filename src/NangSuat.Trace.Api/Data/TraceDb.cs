using Microsoft.EntityFrameworkCore;
using NangSuat.Trace.Api.Accounts;
using NangSuat.Trace.Api.Audit;
using NangSuat.Trace.Api.Auth;
using NangSuat.Trace.Api.Certificates;
using NangSuat.Trace.Api.CertificationBodies;
using NangSuat.Trace.Api.Lots;
using NangSuat.Trace.Api.Organizations;
using NangSuat.Trace.Api.ProductionAreas;
using NangSuat.Trace.Api.Products;
using NangSuat.Trace.Api.Serials;

namespace NangSuat.Trace.Api.Data;

public sealed class TraceDb(DbContextOptions<TraceDb> options) : DbContext(options)
{
    public DbSet<Organization> Organizations => Set<Organization>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<Product> Products => Set<Product>();
    public DbSet<ProductionArea> ProductionAreas => Set<ProductionArea>();
    public DbSet<Certificate> Certificates => Set<Certificate>();
    public DbSet<CertificateStatusChange> CertificateStatusChanges => Set<CertificateStatusChange>();
    public DbSet<Lot> Lots => Set<Lot>();
    public DbSet<ProductImage> ProductImages => Set<ProductImage>();
    public DbSet<SerialBatch> SerialBatches => Set<SerialBatch>();
    public DbSet<SerialNumber> SerialNumbers => Set<SerialNumber>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<LogNode> LogNodes => Set<LogNode>();
    public DbSet<CertificationBody> CertificationBodies => Set<CertificationBody>();
    public DbSet<Designation> Designations => Set<Designation>();
    public DbSet<RegistryStatusChange> RegistryStatusChanges => Set<RegistryStatusChange>();
    public DbSet<LogCheckpoint> LogCheckpoints => Set<LogCheckpoint>();
    public DbSet<Account> Accounts => Set<Account>();
    public DbSet<OneTimeLink> OneTimeLinks => Set<OneTimeLink>();
    public DbSet<CertificateEvidence> CertificateEvidence => Set<CertificateEvidence>();
    public DbSet<Scans.ScanDay> ScanDays => Set<Scans.ScanDay>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(TraceDb).Assembly);
        foreach (var type in modelBuilder.Model.GetEntityTypes().Where(t => typeof(IRegistryRecord).IsAssignableFrom(t.ClrType)))
        {
            modelBuilder.Entity(type.ClrType).Property(nameof(IRegistryRecord.Version)).IsConcurrencyToken();
        }
    }
}
