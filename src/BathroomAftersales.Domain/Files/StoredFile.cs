using BathroomAftersales.Domain.Common;

namespace BathroomAftersales.Domain.Files;

public enum FilePurpose
{
    ProofOfPurchase,
    RequestPhoto,
}

/// <summary>
/// An uploaded photo, already checked and re-encoded. The bytes live outside the web root under <see cref="StorageName"/>,
/// a random name; only an authorized endpoint serves them (the owner, staff, the assigned technician).
/// </summary>
public sealed class StoredFile
{
    public const int MaxBytes = 10 * 1024 * 1024;
    public const int StorageNameMaxLength = 100;

    private StoredFile()
    {
        StorageName = string.Empty;
        ThumbnailName = string.Empty;
        ContentType = string.Empty;
    }

    public StoredFile(
        Guid id,
        int customerId,
        FilePurpose purpose,
        string storageName,
        string thumbnailName,
        string contentType,
        long length,
        int width,
        int height,
        string? uploadedByUserId,
        DateTime nowUtc)
    {
        Id = id;
        CustomerId = customerId;
        Purpose = purpose;
        StorageName = Guard.Required(storageName, nameof(StorageName), StorageNameMaxLength);
        ThumbnailName = Guard.Required(thumbnailName, nameof(ThumbnailName), StorageNameMaxLength);
        ContentType = Guard.Required(contentType, nameof(ContentType), 50);
        Length = length;
        Width = width;
        Height = height;
        UploadedByUserId = uploadedByUserId;
        UploadedAt = Guard.Utc(nowUtc, nameof(nowUtc));
    }

    public Guid Id { get; private set; }

    /// <summary>The customer whose record the file belongs to: the first check when it is served.</summary>
    public int CustomerId { get; private set; }

    public FilePurpose Purpose { get; private set; }

    public int? CustomerProductId { get; private set; }

    public int? ServiceRequestId { get; private set; }

    public string StorageName { get; private set; }

    public string ThumbnailName { get; private set; }

    public string ContentType { get; private set; }

    public long Length { get; private set; }

    public int Width { get; private set; }

    public int Height { get; private set; }

    public string? UploadedByUserId { get; private set; }

    public DateTime UploadedAt { get; private set; }

    public void AttachToProduct(int customerProductId) => CustomerProductId = customerProductId;

    public void AttachToRequest(int serviceRequestId) => ServiceRequestId = serviceRequestId;
}
