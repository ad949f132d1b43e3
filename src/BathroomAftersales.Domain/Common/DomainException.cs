namespace BathroomAftersales.Domain.Common;

/// <summary>
/// A business rule refused an operation. <see cref="Code"/> is a stable key the UI localizes;
/// <see cref="Exception.Message"/> is a readable English fallback and the text that goes to logs.
/// </summary>
public sealed class DomainException : Exception
{
    public DomainException(string code, string message, params object[] arguments)
        : base(message)
    {
        Code = code;
        Arguments = arguments;
    }

    public DomainException()
        : this("Domain.Error", "The operation is not allowed.")
    {
    }

    public DomainException(string message)
        : this("Domain.Error", message)
    {
    }

    public DomainException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = "Domain.Error";
        Arguments = [];
    }

    public string Code { get; }

    public IReadOnlyList<object> Arguments { get; }
}
