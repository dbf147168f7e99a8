using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Warta.Web.Accounts;

public static class ApiScopes
{
    public const string Newsroom = "newsroom";
    public const string Markets = "markets";
    public static readonly string[] All = [Newsroom, Markets];
}

/// <summary>A machine's key for the JSON API. Only a SHA-256 hash of the secret is stored.</summary>
public sealed class ApiKey
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required string Scope { get; set; }
    /// <summary>The first characters of the key, shown to admins to tell keys apart.</summary>
    public required string Prefix { get; set; }
    public required string Hash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}

sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> b)
    {
        b.HasIndex(k => k.Hash).IsUnique();
        b.Property(k => k.Name).HasMaxLength(120);
        b.Property(k => k.Scope).HasMaxLength(20);
        b.Property(k => k.Prefix).HasMaxLength(20);
        b.Property(k => k.Hash).HasMaxLength(100);
    }
}
