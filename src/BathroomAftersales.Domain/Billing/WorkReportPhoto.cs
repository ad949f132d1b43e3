namespace BathroomAftersales.Domain.Billing;

/// <summary>A photo (an already stored and checked <see cref="Files.StoredFile"/>) of the work, before or after.</summary>
public sealed class WorkReportPhoto
{
    private WorkReportPhoto()
    {
    }

    internal WorkReportPhoto(Guid storedFileId, PhotoStage stage)
    {
        StoredFileId = storedFileId;
        Stage = stage;
    }

    public int Id { get; private set; }

    public int WorkReportId { get; private set; }

    public Guid StoredFileId { get; private set; }

    public PhotoStage Stage { get; private set; }
}
