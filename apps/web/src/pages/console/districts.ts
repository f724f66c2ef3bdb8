/** Gdańsk's districts (dzielnice), offered as the agent types; routing rules match on these names. */
// prettier-ignore
export const GDANSK_DISTRICTS = [
  'Aniołki', 'Brętowo', 'Brzeźno', 'Chełm', 'Jasień', 'Kokoszki', 'Krakowiec-Górki Zachodnie', 'Letnica', 'Matarnia',
  'Młyniska', 'Nowy Port', 'Oliwa', 'Olszynka', 'Orunia Górna-Gdańsk Południe', 'Orunia-Św. Wojciech-Lipce', 'Osowa',
  'Piecki-Migowo', 'Przeróbka', 'Przymorze Małe', 'Przymorze Wielkie', 'Rudniki', 'Siedlce', 'Stogi', 'Strzyża',
  'Suchanino', 'Śródmieście', 'Ujeścisko-Łostowice', 'VII Dwór', 'Wrzeszcz Dolny', 'Wrzeszcz Górny',
  'Wyspa Sobieszewska', 'Wzgórze Mickiewicza', 'Zaspa-Młyniec', 'Zaspa-Rozstaje',
  'Żabianka-Wejhera-Jelitkowo-Tysiąclecia',
];
