/** Common French family and given names (INSEE frequency lists), accents and compound forms included. */
export const NOMS = [
  'MARTIN', 'BERNARD', 'THOMAS', 'PETIT', 'ROBERT', 'RICHARD', 'DURAND', 'DUBOIS', 'MOREAU', 'LAURENT', 'SIMON', 'MICHEL',
  'LEFÈVRE', 'LEROY', 'ROUX', 'DAVID', 'BERTRAND', 'MOREL', 'FOURNIER', 'GIRARD', 'BONNET', 'DUPONT', 'LAMBERT', 'FONTAINE',
  'ROUSSEAU', 'VINCENT', 'MÜLLER', 'LEFEBVRE', 'FAURE', 'ANDRÉ', 'MERCIER', 'BLANC', 'GUÉRIN', 'BOYER', 'GARNIER', 'CHEVALIER',
  'FRANÇOIS', 'LEGRAND', 'GAUTHIER', 'GARCIA', 'PERRIN', 'ROBIN', 'CLÉMENT', 'MORIN', 'NICOLAS', 'HENRY', 'ROUSSEL', 'MATHIEU',
  'GAUTIER', 'MASSON', 'MARCHAND', 'DUVAL', 'DENIS', 'DUMONT', 'MARIE', 'LEMAIRE', 'NOËL', 'MEYER', 'DUFOUR', 'MEUNIER',
  'BRUN', 'BLANCHARD', 'GIRAUD', 'JOLY', 'RIVIÈRE', 'LUCAS', 'BRUNET', 'GAILLARD', 'BARBIER', 'ARNAUD', 'MARTINEZ', 'GÉRARD',
  'ROCHE', 'RENARD', 'SCHMITT', 'ROY', 'LEROUX', 'COLIN', 'VIDAL', 'CARON', 'PICARD', 'ROGER', 'FABRE', 'AUBERT', 'LEMOINE',
  'RENAUD', 'DUMAS', 'LACROIX', 'OLIVIER', 'PHILIPPE', 'BOURGEOIS', 'PIERRE', 'BENOÎT', 'REY', 'LECLERC', 'PAYET', 'ROLLAND',
  'LE GALL', 'LE ROUX', "D'ALMEIDA", 'N’DIAYE', 'DIALLO', 'BENALI', 'HADDAD', 'NGUYEN', 'DA SILVA', 'FERREIRA', 'HOARAU',
  'GRONDIN', 'FONTAINE-DUVAL', 'SAINT-MARTIN', 'DELAPORTE', 'CASANOVA', 'PAOLI', 'ÉTIENNE', 'LÉGER',
] as const;

export const PRENOMS = [
  'Emma', 'Jade', 'Louise', 'Alice', 'Chloé', 'Lina', 'Léa', 'Rose', 'Anna', 'Mila', 'Inès', 'Ambre', 'Julia', 'Mia', 'Léna',
  'Manon', 'Juliette', 'Lou', 'Zoé', 'Camille', 'Sarah', 'Agathe', 'Jeanne', 'Romane', 'Éva', 'Nina', 'Clémence', 'Maëlys',
  'Océane', 'Margaux', 'Noémie', 'Anaïs', 'Yasmine', 'Héloïse', 'Gabriel', 'Léo', 'Raphaël', 'Arthur', 'Louis', 'Lucas', 'Adam',
  'Jules', 'Hugo', 'Maël', 'Liam', 'Noah', 'Paul', 'Ethan', 'Tiago', 'Sacha', 'Gabin', 'Nathan', 'Mohamed', 'Aaron', 'Tom',
  'Théo', 'Noé', 'Nolan', 'Timéo', 'Enzo', 'Mathis', 'Clément', 'Maxime', 'Baptiste', 'Antoine', 'Quentin', 'Axel', 'Rayan',
  'Jean-Baptiste', 'Marie-Lou', 'Anne-Sophie', 'Pierre-Louis', 'Loïc', 'Yanis', 'Ismaël', 'Kylian', 'Matthieu', 'Bastien',
] as const;

/** Names of people lycées are often named after. */
export const PATRONS = [
  'Victor Hugo', 'Marie Curie', 'Jean Jaurès', 'Louis Pasteur', 'Jules Ferry', 'Paul Cézanne', 'Albert Camus', 'Simone Veil',
  'Émile Zola', 'Jean Moulin', 'Marcel Pagnol', 'Frédéric Mistral', 'Jean Monnet', 'Lucie Aubrac', 'Georges Brassens',
  'Antoine de Saint-Exupéry', 'Alexandra David-Néel', 'Honoré Daumier', 'Alphonse Daudet', 'Paul Langevin', 'Olympe de Gouges',
  'René Char', 'Vauvenargues', 'Thiers', 'Montgrand', 'Saint-Charles', 'Perier', 'Marseilleveyre', 'Denis Diderot', 'Aristide Briand',
] as const;
