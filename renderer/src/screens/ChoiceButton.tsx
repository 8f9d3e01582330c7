/** One large answer to a screen's question: its name and one line of help, both read as its label. */
export function ChoiceButton({
  name,
  help,
  onClick,
  disabled = false,
  className = '',
}: {
  readonly name: string;
  readonly help: string;
  readonly onClick: () => void;
  readonly disabled?: boolean;
  readonly className?: string;
}) {
  return (
    <button type="button" className={`choice ${className}`} onClick={onClick} disabled={disabled}>
      <span className="choice-name">{name}</span>
      <span className="choice-help">{help}</span>
    </button>
  );
}
