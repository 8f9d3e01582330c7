-- Texts a municipality prints on its kiosks' documents (issue 8 item 2), each optional, plain Spanish
-- text for a thermal ticket: the data-protection notice at the foot of a volante, the legal note of a
-- volante, and where a citizen goes for help. NULL means "not set": central then uses its default
-- (a generic notice naming the municipality) or prints nothing.
--
-- The CHECKs hold whatever writes the row (the admin command validates first and says why in Spanish;
-- a hand-written UPDATE still cannot store a text the printer would mangle): some non-space character, at most the
-- length a ticket has room for, and no control character other than the newline (a tab, a carriage
-- return or an ESC byte would reach the printer as a command or a misaligned line).

ALTER TABLE municipalities
  ADD COLUMN aviso_privacidad text CONSTRAINT municipalities_aviso_privacidad_check CHECK (
    aviso_privacidad IS NULL OR (char_length(aviso_privacidad) <= 600 AND aviso_privacidad ~ '[^[:space:]]'
      AND aviso_privacidad !~ '[\x01-\x09\x0b-\x1f\x7f-\x9f]')
  ),
  ADD COLUMN pie_volante text CONSTRAINT municipalities_pie_volante_check CHECK (
    pie_volante IS NULL OR (char_length(pie_volante) <= 400 AND pie_volante ~ '[^[:space:]]'
      AND pie_volante !~ '[\x01-\x09\x0b-\x1f\x7f-\x9f]')
  ),
  ADD COLUMN oficina_atencion text CONSTRAINT municipalities_oficina_atencion_check CHECK (
    oficina_atencion IS NULL OR (char_length(oficina_atencion) <= 200 AND oficina_atencion ~ '[^[:space:]]'
      AND oficina_atencion !~ '[\x01-\x09\x0b-\x1f\x7f-\x9f]')
  );
