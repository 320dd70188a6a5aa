/**
 * Names for synthetic candidates: our own short lists of common French names
 * (no dependency, and the bytes cannot change under us with a library
 * update). Accents, apostrophes (both ' and ’), spaces and hyphens on
 * purpose: they are what breaks encodings and naive CSV code.
 */
export const NOMS: readonly string[] = [
  'MARTIN', 'BERNARD', 'THOMAS', 'PETIT', 'ROBERT', 'RICHARD', 'DURAND', 'DUBOIS', 'MOREAU', 'LAURENT', 'SIMON',
  'MICHEL', 'LEFÈVRE', 'LEROY', 'ROUX', 'DAVID', 'BERTRAND', 'MOREL', 'FOURNIER', 'GIRARD', 'BONNET', 'DUPONT',
  'LAMBERT', 'FONTAINE', 'ROUSSEAU', 'VINCENT', 'MULLER', 'LEFEBVRE', 'FAURE', 'ANDRÉ', 'MERCIER', 'BLANC', 'GUÉRIN',
  'BOYER', 'GARNIER', 'CHEVALIER', 'FRANÇOIS', 'LEGRAND', 'GAUTHIER', 'GARCIA', 'PERRIN', 'ROBIN', 'CLÉMENT', 'MORIN',
  'NICOLAS', 'HENRY', 'ROUSSEL', 'MATHIEU', 'GAUTIER', 'MASSON', 'MARCHAND', 'DUVAL', 'DENIS', 'DUMONT', 'MARIE',
  'LEMAIRE', 'NOËL', 'MEYER', 'DUFOUR', 'MEUNIER', 'BRUN', 'BLANCHARD', 'GIRAUD', 'JOLY', 'RIVIÈRE', 'LUCAS', 'BRUNET',
  'GAILLARD', 'BARBIER', 'ARNAUD', 'MARTINEZ', 'GÉRARD', 'ROCHE', 'RENARD', 'SCHMITT', 'ROY', 'LEROUX', 'COLIN',
  'VIDAL', 'CARON', 'PICARD', 'ROGER', 'FABRE', 'AUBERT', 'LEMOINE', 'RENAUD', 'DUMAS', 'LACROIX', 'OLIVIER',
  'PHILIPPE', 'BOURGEOIS', 'PIERRE', 'BENOÎT', 'REY', 'LECLERC', 'PAYET', 'ROLLAND', 'LEMAÎTRE', 'MALLET', 'COLLET',
  'PRÉVOST', 'CHAUVIN', 'BESNARD', 'HUBERT', 'CARPENTIER', 'LÉGER', 'ÉTIENNE', 'BOUCHER', 'JACQUET', 'CÔTÉ',
  'DESCHAMPS', 'HUET', 'POIRIER', 'MAILLARD', 'LEBRUN', 'BARRÉ', 'DUPUIS', 'CORDIER', 'BAILLY', 'HÉBERT',
  "D'ALMEIDA", 'N’DIAYE', 'DIALLO', 'TRAORÉ', 'BENALI', 'HADDAD', 'BENSAÏD', 'NGUYEN', 'TRAN', 'DA SILVA', 'FERREIRA',
  'DOS SANTOS', 'RODRIGUES', 'LOPEZ', 'SANCHEZ', 'PEREZ', 'ROSSI', 'LE GALL', 'DE LA FONTAINE', 'FONTAINE-DUVAL',
  'SAINT-MARTIN', 'DELAPORTE', "L'HÔTE", 'DIOP', 'KONÉ', 'YILMAZ', 'KAYA', 'CHEN', 'MOHAMED', 'AMRANI', 'MANSOURI',
];

/** Surnames common in a region, mixed with the national list there: local flavour for demos. */
export const NOMS_REGIONAUX: Readonly<Record<string, readonly string[]>> = {
  corse: ['CASANOVA', 'PAOLI', 'SANTONI', 'LUCIANI', 'MATTEI', 'ALBERTINI', 'GRAZIANI', 'ORSINI', 'PIETRI', 'FILIPPI', 'BARTOLI', 'SIMONI'],
  'la-reunion': ['PAYET', 'HOARAU', 'GRONDIN', 'TECHER', 'HOAREAU', 'LEBON', 'MAILLOT', 'NATIVEL', 'DIJOUX', 'ÉTHÈVE', 'FONTAINE', 'BOYER'],
  mayotte: ['ABDALLAH', 'AHAMADI', 'ATTOUMANI', 'MADI', 'SAÏD', 'HOUMADI', 'COMBO', 'SOILIHI', 'ALI', 'MOUSSA'],
  'polynesie-francaise': ['TEMAURI', 'TETUANUI', 'TAPUTU', 'TAUTU', 'MAHINUI', 'TERIITEHAU', 'TEMARII', 'TEHEI', 'CHIN', 'WONG'],
  strasbourg: ['MÜLLER', 'SCHMITT', 'MEYER', 'WEBER', 'KLEIN', 'WAGNER', 'FISCHER', 'SCHNEIDER', 'HOFFMANN', 'KELLER'],
  rennes: ['LE GALL', 'LE ROUX', 'LE GOFF', 'GUILLOU', 'LE BRIS', 'MADEC', 'LE CORRE', 'TANGUY', 'KERGUELEN', 'LE MEUR'],
  lille: ['LECLERCQ', 'DELATTRE', 'DUHAMEL', 'VANDENBERGHE', 'DESCAMPS', 'DELEBARRE', 'DEVOS', 'LEFEBVRE', 'DUBOIS', 'DEPREZ'],
};

export const PRENOMS_F: readonly string[] = [
  'Emma', 'Jade', 'Louise', 'Alice', 'Chloé', 'Lina', 'Léa', 'Rose', 'Anna', 'Mila', 'Inès', 'Ambre', 'Julia', 'Mia',
  'Léna', 'Manon', 'Juliette', 'Lou', 'Zoé', 'Camille', 'Sarah', 'Agathe', 'Jeanne', 'Romane', 'Éva', 'Nina',
  'Clémence', 'Maëlys', 'Océane', 'Margaux', 'Noémie', 'Anaïs', 'Yasmine', 'Héloïse', 'Lucie', 'Laura', 'Pauline',
  'Mathilde', 'Marie', 'Clara', 'Élise', 'Justine', 'Lola', 'Maëva', 'Salomé', 'Charlotte', 'Emmy', 'Capucine',
  'Fatoumata', 'Aïcha', 'Nour', 'Marie-Lou', 'Anne-Sophie', 'Lou-Ann', 'Gwenaëlle', 'Maïwenn', 'Chiara', 'Hinatea',
];

export const PRENOMS_M: readonly string[] = [
  'Gabriel', 'Léo', 'Raphaël', 'Arthur', 'Louis', 'Lucas', 'Adam', 'Jules', 'Hugo', 'Maël', 'Liam', 'Noah', 'Paul',
  'Ethan', 'Tiago', 'Sacha', 'Gabin', 'Nathan', 'Mohamed', 'Aaron', 'Tom', 'Théo', 'Noé', 'Nolan', 'Timéo', 'Enzo',
  'Mathis', 'Clément', 'Maxime', 'Baptiste', 'Antoine', 'Quentin', 'Axel', 'Rayan', 'Loïc', 'Yanis', 'Ismaël',
  'Kylian', 'Matthieu', 'Bastien', 'Alexandre', 'Thomas', 'Valentin', 'Romain', 'Dylan', 'Kévin', 'Jérémy', 'Evan',
  'Mamadou', 'Youssef', 'Jean-Baptiste', 'Pierre-Louis', 'Jean', 'Erwan', 'Corentin', 'Ange', 'Teiva', 'Anthony',
];

/** People lycées are often named after. */
export const PATRONS: readonly string[] = [
  'Victor Hugo', 'Marie Curie', 'Jean Jaurès', 'Louis Pasteur', 'Jules Ferry', 'Paul Cézanne', 'Albert Camus',
  'Simone Veil', 'Émile Zola', 'Jean Moulin', 'Marcel Pagnol', 'Frédéric Mistral', 'Jean Monnet', 'Lucie Aubrac',
  'Georges Brassens', 'Antoine de Saint-Exupéry', 'Alexandra David-Néel', 'Honoré Daumier', 'Alphonse Daudet',
  'Paul Langevin', 'Olympe de Gouges', 'René Char', 'Vauvenargues', 'Denis Diderot', 'Aristide Briand', 'Voltaire',
  'Montesquieu', 'Jean de La Fontaine', 'Molière', 'Blaise Pascal', 'René Descartes', 'Condorcet', 'George Sand',
  'Colette', 'Louise Michel', 'Gustave Eiffel', 'Charles de Gaulle', 'Pierre Mendès France', 'Léon Blum',
  'Jacques Prévert', 'Paul Éluard', 'Arthur Rimbaud', 'Guillaume Apollinaire', 'Aimé Césaire', 'Frantz Fanon',
  'Gaston Monnerville', 'Joséphine Baker', 'Germaine Tillion', 'Marie Laurencin', 'Camille Claudel', 'Jean Rostand',
  'Irène Joliot-Curie', 'Henri Matisse', 'Claude Monet', 'Auguste Renoir', 'Hector Berlioz', 'Maurice Ravel',
  'Jean-Baptiste Corot', 'Sévigné', 'Lamartine', 'Chateaubriand', 'Stendhal', 'Balzac', 'Flaubert', 'Jules Verne',
  'Alexandre Dumas', 'Édouard Herriot', 'Paul Valéry', 'Jean Giono', 'Louis Aragon', 'Elsa Triolet', 'Romain Rolland',
  'Saint-Joseph', 'Sainte-Marie', 'Notre-Dame', 'Saint-Charles', 'La Salle', 'Les Eucalyptus', 'Les Iris', 'Val de Durance',
];
